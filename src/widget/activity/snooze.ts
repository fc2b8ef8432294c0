/** Snooze presets, in the user's local time, as Unix seconds. */
export interface SnoozePreset {
  key: 'snoozeOneHour' | 'snoozeTomorrow' | 'snoozeNextWeek';
  until: number;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function snoozePresets(now: Date = new Date()): SnoozePreset[] {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  // The next Monday strictly after today (on a Monday, a week on).
  const monday = new Date(now);
  monday.setDate(monday.getDate() + ((8 - monday.getDay()) % 7 || 7));
  monday.setHours(9, 0, 0, 0);
  return [
    { key: 'snoozeOneHour', until: seconds(now) + 3600 },
    { key: 'snoozeTomorrow', until: seconds(tomorrow) },
    { key: 'snoozeNextWeek', until: seconds(monday) },
  ];
}

/** A `datetime-local` value (local time) as Unix seconds, or null when it is empty or not a time. */
export function localInputToSeconds(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}
