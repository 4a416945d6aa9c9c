import { daysInMonth } from '@cchc/domain';
import { Tooltip } from 'antd';
import { memo, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay, LocalDateString } from '../../api/types';
import { addDays, classOf, isoDate, monthWeeks, partsOf, weekdayOf } from './civil-days';
import { DayTooltip } from './day-tooltip';
import { dayLabel, dayReason, MONTH_KEYS, WEEK_COLUMNS } from './day-labels';

interface Props {
  year: number;
  days: ReadonlyMap<LocalDateString, CalendarDay>;
  today: LocalDateString;
  selected: LocalDateString | null;
  onSelect: (date: LocalDateString) => void;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/**
 * Twelve month tables, Monday first. Every day is a button; one of them is in the tab order and the
 * arrow keys move between days (←/→ a day, ↑/↓ a week, PageUp/PageDown a month, Home/End the week).
 */
export function YearGrid({ year, days, today, selected, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const inYear = (d: LocalDateString | null): d is LocalDateString => !!d && partsOf(d).year === year;
  const [focused, setFocused] = useState<LocalDateString | null>(null);
  const tabStop = inYear(focused) ? focused : inYear(selected) ? selected : inYear(today) ? today : isoDate(year, 1, 1);

  const move = useCallback(
    (from: LocalDateString, e: KeyboardEvent<HTMLButtonElement>) => {
      const weekday = (weekdayOf(from) + 6) % 7; // Monday = 0
      const { month, day } = partsOf(from);
      let next: LocalDateString | null = null;
      if (e.key === 'ArrowLeft') next = addDays(from, -1);
      else if (e.key === 'ArrowRight') next = addDays(from, 1);
      else if (e.key === 'ArrowUp') next = addDays(from, -7);
      else if (e.key === 'ArrowDown') next = addDays(from, 7);
      else if (e.key === 'Home') next = addDays(from, -weekday);
      else if (e.key === 'End') next = addDays(from, 6 - weekday);
      else if (e.key === 'PageUp') next = month > 1 ? clampDay(year, month - 1, day) : null;
      else if (e.key === 'PageDown') next = month < 12 ? clampDay(year, month + 1, day) : null;
      else return;
      e.preventDefault();
      if (!next || partsOf(next).year !== year) return;
      setFocused(next);
      container.current?.querySelector<HTMLButtonElement>(`button[data-date="${next}"]`)?.focus();
    },
    [year],
  );
  const select = useCallback(
    (date: LocalDateString) => {
      setFocused(date);
      onSelect(date);
    },
    [onSelect],
  );
  // Each month only hears about the marked days inside it, so the other eleven skip re-rendering.
  const inMonth = (d: LocalDateString | null, month: number) => (d && partsOf(d).month === month && partsOf(d).year === year ? d : null);

  return (
    <div className="cal-months" ref={container}>
      {MONTHS.map((month) => (
        <MonthTable
          key={month}
          year={year}
          month={month}
          days={days}
          today={inMonth(today, month)}
          selected={inMonth(selected, month)}
          tabStop={inMonth(tabStop, month)}
          onSelect={select}
          onKey={move}
        />
      ))}
    </div>
  );
}

/** The same day of another month, or that month's last day (31/03 → 30/04). */
function clampDay(year: number, month: number, day: number): LocalDateString {
  return isoDate(year, month, Math.min(day, daysInMonth(year, month)));
}

interface MonthProps {
  year: number;
  month: number;
  days: ReadonlyMap<LocalDateString, CalendarDay>;
  today: LocalDateString | null;
  selected: LocalDateString | null;
  tabStop: LocalDateString | null;
  onSelect: (date: LocalDateString) => void;
  onKey: (date: LocalDateString, e: KeyboardEvent<HTMLButtonElement>) => void;
}

const MonthTable = memo(function MonthTable({ year, month, days, today, selected, tabStop, onSelect, onKey }: MonthProps) {
  const { t } = useTranslation();
  const headingId = `cal-month-${month}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="cal-month-title">
        {t(MONTH_KEYS[month - 1]!)}
      </h3>
      <table className="cal-table" aria-labelledby={headingId}>
        <thead>
          <tr>
            {WEEK_COLUMNS.map((c, i) => (
              <th key={c.short} scope="col" abbr={t(c.full)} title={t(c.full)} className={i >= 5 ? 'cal-col-weekend' : undefined}>
                {t(c.short)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(year, month).map((week, w) => (
            <tr key={w}>
              {week.map((date, i) =>
                date ? (
                  <td key={date}>
                    <DayButton
                      date={date}
                      listed={days.get(date)}
                      isToday={date === today}
                      isSelected={date === selected}
                      tabbable={date === tabStop}
                      onSelect={onSelect}
                      onKey={onKey}
                    />
                  </td>
                ) : (
                  <td key={`empty-${i}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});

interface DayProps {
  date: LocalDateString;
  listed: CalendarDay | undefined;
  isToday: boolean;
  isSelected: boolean;
  tabbable: boolean;
  onSelect: (date: LocalDateString) => void;
  onKey: (date: LocalDateString, e: KeyboardEvent<HTMLButtonElement>) => void;
}

function DayButton({ date, listed, isToday, isSelected, tabbable, onSelect, onKey }: DayProps) {
  const { t } = useTranslation();
  // The reason shows on hover and on keyboard focus, but does not stay pinned after a mouse click.
  const [hovered, setHovered] = useState(false);
  const [keyboardFocus, setKeyboardFocus] = useState(false);
  const cls = classOf(date, listed);
  const className = [
    'cal-day',
    `cal-day--${cls}`,
    listed?.status === 'provisional' ? 'cal-day--provisional' : '',
    isToday ? 'is-today' : '',
    isSelected ? 'is-selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const button = (
    <button
      type="button"
      className={className}
      data-date={date}
      data-kind={cls}
      tabIndex={tabbable ? 0 : -1}
      aria-label={dayLabel(t, date, listed)}
      aria-pressed={isSelected}
      aria-current={isToday ? 'date' : undefined}
      title={listed ? undefined : dayReason(t, date, listed)}
      onClick={() => onSelect(date)}
      onKeyDown={(e) => onKey(date, e)}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={(e) => setKeyboardFocus(e.currentTarget.matches(':focus-visible'))}
      onBlur={() => setKeyboardFocus(false)}
    >
      {partsOf(date).day}
    </button>
  );
  // Listed days explain themselves in a tooltip; ordinary days carry a plain title.
  return listed ? (
    <Tooltip title={<DayTooltip day={listed} />} open={hovered || keyboardFocus} trigger={[]}>
      {button}
    </Tooltip>
  ) : (
    button
  );
}
