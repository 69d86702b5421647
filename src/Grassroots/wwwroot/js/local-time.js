// Times are written in UTC (the site does not know the reader's zone; the browser does): each <time class="local-time">
// is shown at the reader's clock with its zone's name, the UTC text kept as its title.
(() => {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
    { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  for (const t of document.querySelectorAll('time.local-time[datetime]')) {
    const at = new Date(t.dateTime);
    if (Number.isNaN(at.getTime())) continue;
    t.title = t.textContent;
    t.textContent = format.format(at);
  }
})();
