/** Holiday dates are `YYYY-MM-DD` (that day only) or `MM-DD` (every year). */
export function isYearly(date: string): boolean {
  return /^\d{2}-\d{2}$/.test(date);
}

/** Switch a date between one-off and every-year form; `year` is used when a year must be added. */
export function toggleYearly(date: string, yearly: boolean, year: number): string {
  if (yearly) return isYearly(date) ? date : date.replace(/^\d{4}-/, '');
  return isYearly(date) ? `${year}-${date}` : date;
}
