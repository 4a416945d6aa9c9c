import './plans.css';
import Gantt from 'frappe-gantt';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { TaskSummary } from '../../api/plans';
import { formatDate } from '../../format';

// The plan's timeline (Gantt-like), drawn by frappe-gantt (MIT, no dependencies; loaded only with this
// page's chunk). Read-only: dates change through the task form, so the server checks them.

/** frappe-gantt's month column, and the narrowest that still shows "Tháng 11". */
const MONTH_WIDTH = 120;
const MIN_MONTH_WIDTH = 60;

/** Room kept between a label and its bar or the chart's edge, in px. */
const GAP = 6;

/** Cuts `full` to the longest prefix (with "…") whose rendered width fits `room` px. */
function fitText(label: SVGTextElement, full: string, room: number) {
  label.textContent = full;
  if (label.getComputedTextLength() <= room) return;
  let lo = 0;
  let hi = full.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    label.textContent = `${full.slice(0, mid).trimEnd()}…`;
    if (label.getComputedTextLength() <= room) lo = mid;
    else hi = mid - 1;
  }
  label.textContent = lo > 0 ? `${full.slice(0, lo).trimEnd()}…` : '';
}

/**
 * Keeps every bar's label readable. frappe-gantt centres a label on its bar, or starts it after the bar's end
 * when it is wider, so a long title of a task due in December ran off the chart and titles of short bars
 * spilled over the month grid. Here a label that does not fit inside its bar goes to the side with more
 * room (after the bar, or before it for bars near the year's end), cut with "…" to that room; the full
 * title stays in a <title> (hover) and in the popup.
 */
function fitLabels(root: HTMLElement) {
  const svg = root.querySelector<SVGSVGElement>('svg.gantt');
  if (!svg) return;
  const chartWidth = svg.width.baseVal.value || svg.getBBox().width;
  for (const wrapper of svg.querySelectorAll<SVGGElement>('.bar-wrapper')) {
    const bar = wrapper.querySelector<SVGRectElement>('.bar');
    const label = wrapper.querySelector<SVGTextElement>('.bar-label');
    if (!bar || !label) continue;
    const full = label.dataset.full ?? label.textContent ?? '';
    label.dataset.full = full;
    const x = bar.x.baseVal.value;
    const width = bar.width.baseVal.value;
    const inside = width - 2 * GAP;
    const after = chartWidth - (x + width) - 2 * GAP;
    const before = x - 2 * GAP;
    label.textContent = full;
    if (label.getComputedTextLength() <= inside) {
      label.classList.remove('big', 'big-before');
      label.setAttribute('x', String(x + width / 2));
    } else if (after >= before || label.getComputedTextLength() <= after) {
      label.classList.add('big');
      label.classList.remove('big-before');
      label.setAttribute('x', String(x + width + GAP));
      fitText(label, full, after);
    } else {
      label.classList.add('big', 'big-before');
      label.setAttribute('x', String(x - GAP));
      fitText(label, full, before);
    }
    let title = wrapper.querySelector<SVGTitleElement>(':scope > title');
    if (!title) {
      title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      wrapper.prepend(title);
    }
    title.textContent = full;
  }
}

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
    const root = host.current;
    const draw = (columnWidth: number) => {
      root.innerHTML = '';
      return new Gantt(root, rows, {
        view_mode: 'Month',
        column_width: columnWidth,
        infinite_padding: false,
        scroll_to: 'start',
        container_height: Math.min(600, 90 + rows.length * 48),
        readonly: true,
        language: 'vi',
        today_button: false,
        popup: (ctx: {
          task: { name: string; description: string; _start: Date };
          set_title: (s: string) => void;
          set_subtitle: (s: string) => void;
          set_details: (s: string) => void;
        }) => {
          ctx.set_title(ctx.task.name);
          ctx.set_subtitle('');
          ctx.set_details(ctx.task.description);
        },
        on_click: (task: { id: string }) => void navigate(`/plans/tasks/${task.id}`),
      }) as { dates: unknown[] };
    };
    // The whole plan year in view: months narrow to the card's width (not below a readable month name), so
    // a label fitted to the chart is also inside what the user sees, without scrolling sideways.
    const months = draw(MONTH_WIDTH).dates.length;
    const fitted = Math.max(MIN_MONTH_WIDTH, Math.floor((root.clientWidth - 2) / months));
    if (fitted < MONTH_WIDTH) draw(fitted);
    // frappe-gantt places its labels in the next animation frame; ours run after it.
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => fitLabels(root))));
    return () => cancelAnimationFrame(frame);
  }, [tasks, label, navigate]);
  return <div ref={host} data-testid="plan-timeline" aria-label={tasks.map((t) => `${t.title} ${formatDate(t.dueOn)}`).join('; ')} />;
}
