import './plans.css';
import Gantt from 'frappe-gantt';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { TaskSummary } from '../../api/plans';
import { formatDate } from '../../format';

// The plan's timeline (Gantt-like), drawn by frappe-gantt (MIT, no dependencies; loaded only with this
// page's chunk). Read-only: dates change through the task form, so the server checks them.

const CLASS: Record<string, string> = { overdue: 'bar-overdue', done_late: 'bar-late', done_on_time: 'bar-done', in_time: 'bar-open' };

export default function PlanTimeline({ tasks, label }: { tasks: TaskSummary[]; label: (t: TaskSummary) => string }) {
  const host = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  useEffect(() => {
    if (!host.current) return;
    host.current.innerHTML = '';
    const rows = tasks
      .filter((t) => t.status !== 'cancelled')
      .map((t) => ({
        id: t.id,
        name: t.parentId ? `↳ ${t.title}` : t.title,
        // Without a start day a bar runs from the plan year's first day, so short tasks stay visible.
        start: t.startOn ?? `${t.planYear}-01-01`,
        end: t.dueOn,
        progress: t.progress,
        custom_class: CLASS[t.bucket ?? 'in_time'],
        description: label(t),
      }));
    if (rows.length === 0) return;
    new Gantt(host.current, rows, {
      view_mode: 'Month',
      infinite_padding: false,
      scroll_to: 'start',
      container_height: Math.min(600, 90 + rows.length * 48),
      readonly: true,
      language: 'vi',
      today_button: false,
      popup: (ctx: { task: { name: string; description: string; _start: Date }; set_title: (s: string) => void; set_subtitle: (s: string) => void; set_details: (s: string) => void }) => {
        ctx.set_title(ctx.task.name);
        ctx.set_subtitle('');
        ctx.set_details(ctx.task.description);
      },
      on_click: (task: { id: string }) => void navigate(`/plans/tasks/${task.id}`),
    });
  }, [tasks, label, navigate]);
  return <div ref={host} data-testid="plan-timeline" aria-label={tasks.map((t) => `${t.title} ${formatDate(t.dueOn)}`).join('; ')} />;
}
