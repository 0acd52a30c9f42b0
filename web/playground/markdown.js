// The small part of Discord's markdown the bot's messages use, as safe HTML: **bold**, *italic*, `code`, "-# " small
// lines, <@user> mentions, <t:SECONDS:R> relative times, and backslash escapes. Everything else is plain text.

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => escapes[c]);

/** "in 12 s", "3 min ago". */
export function relativeTime(ms, now = Date.now()) {
  const d = Math.round((ms - now) / 1000);
  const a = Math.abs(d);
  const text = a < 60 ? `${a} s` : a < 5400 ? `${Math.round(a / 60)} min` : `${Math.round(a / 3600)} h`;
  return d >= 0 ? `in ${text}` : `${text} ago`;
}

function inline(line) {
  let html = escapeHtml(line)
    // An escaped character becomes an entity, so the patterns below never see it.
    .replace(/\\([^\w\s])/g, (_, c) => `&#${c.charCodeAt(0)};`)
    .replace(/\u200b/g, '');
  html = html
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>')
    .replace(/&lt;@([\w-]+)&gt;/g, '<span class="mention">@$1</span>')
    .replace(/&lt;t:(\d+):R&gt;/g, (_, s) => `<time data-relative datetime="${new Date(Number(s) * 1000).toISOString()}">${relativeTime(Number(s) * 1000)}</time>`);
  return html;
}

/** The bot's message text as HTML. */
export function renderMarkdown(text) {
  return text.split('\n').map((line) => {
    if (line.startsWith('-# ')) return `<small>${inline(line.slice(3))}</small>`;
    return `<span>${inline(line)}</span>`;
  }).join('');
}

/** Keeps every <time data-relative> up to date. */
export function tickRelativeTimes(root = document) {
  const now = Date.now();
  for (const t of root.querySelectorAll('time[data-relative]')) t.textContent = relativeTime(Date.parse(t.dateTime), now);
}
