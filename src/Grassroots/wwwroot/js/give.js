// The gift form: a monthly gift is counted in the donor's own time zone (the browser knows it; the server does not),
// and one amount is chosen at a time (typing another amount clears the preset, a preset clears the typed one).
(() => {
  const form = document.querySelector('form.give');
  if (!form) return;
  const zone = form.querySelector('input[name="Input.TimeZone"]');
  if (zone && !zone.value) zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  const other = form.querySelector('input[name="Input.Other"]');
  const presets = form.querySelectorAll('input[name="Input.Preset"]');
  other?.addEventListener('input', () => { if (other.value.trim()) presets.forEach(p => { p.checked = false; }); });
  presets.forEach(p => p.addEventListener('change', () => { if (p.checked && other) other.value = ''; }));
})();
