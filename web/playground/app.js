// The playground page: a feed of jobs drawn from the server's JobViews (the bot's own message text and buttons),
// live over Server-Sent Events, the /imagine prompt bar, dropped pictures, and the region editor. No framework.
import { escapeHtml, renderMarkdown, tickRelativeTimes } from './markdown.js';
import { openRegionEditor } from './region.js';

const $ = (id) => document.getElementById(id);
const feed = $('feed');
const items = new Map(); // job id -> <li>
let oldest = null;

async function api(path, opts = {}) {
  const res = await fetch(path, { ...opts, headers: { accept: 'application/json', ...(opts.headers ?? {}) } });
  const body = await res.json().catch(() => ({ error: `The server answered ${res.status}.` }));
  if (!res.ok) throw new Error(body.error ?? `The server answered ${res.status}.`);
  return body;
}

function showError(message, el = $('prompt-error')) {
  el.textContent = message ?? '';
}

// --- one job --------------------------------------------------------------------------------------------------

function buttonHtml(b) {
  const emoji = b.emoji ? `<span class="emoji" aria-hidden="true">${escapeHtml(b.emoji)}</span>` : '';
  return `<button type="button" class="${b.style}" data-custom-id="${escapeHtml(b.customId)}">${emoji}${escapeHtml(b.label)}</button>`;
}

const finished = new Set(['done', 'failed', 'cancelled']);

function render(view, preview) {
  let li = items.get(view.id);
  const fresh = !li;
  // Screen readers hear the outcome once, not every progress step.
  if (li && li.dataset.state !== view.state && finished.has(view.state)) {
    $('status').textContent = view.state === 'done'
      ? `Job ${view.id} is done: ${view.images.length} image${view.images.length === 1 ? '' : 's'} of ${view.prompt}.`
      : `Job ${view.id} ${view.state === 'failed' ? 'failed' : 'was cancelled'}.`;
  }
  // Keep the keyboard focus on a button that is drawn again.
  const focused = li?.contains(document.activeElement) ? document.activeElement?.dataset.customId : undefined;
  if (fresh) {
    li = document.createElement('li');
    li.className = 'job';
    li.dataset.jobId = String(view.id);
    items.set(view.id, li);
    insertSorted(li, view.id);
  }
  li.dataset.state = view.state;
  li.dataset.prompt = view.prompt;
  li.setAttribute('aria-label', `Job ${view.id}: ${view.prompt}`);
  const keepPreview = !preview && view.state === 'running' ? li.querySelector('.preview')?.getAttribute('src') : null;
  const previewSrc = preview ?? keepPreview;
  const parts = [
    '<div class="avatar" aria-hidden="true">A</div>',
    '<div class="body">',
    `<p class="author">Atelier <span class="tag">APP</span> <time datetime="${new Date(view.queuedAt).toISOString()}">${new Date(view.queuedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time></p>`,
    `<div class="content">${renderMarkdown(view.content)}</div>`,
  ];
  if (view.progress) {
    const { step, totalSteps } = view.progress;
    const pct = Math.round((100 * step) / Math.max(1, totalSteps));
    parts.push(`<div class="progress" role="progressbar" aria-label="Progress of job ${view.id}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}" aria-valuetext="step ${step} of ${totalSteps}"><div></div></div>`);
  }
  if (previewSrc) {
    parts.push(`<img class="preview" src="${escapeHtml(previewSrc)}" alt="${escapeHtml(view.prompt)} (work in progress)" width="${view.width}" height="${view.height}">`);
  }
  if (view.images.length) {
    parts.push(`<div class="grid n${Math.min(view.images.length, 4)}">`);
    for (const img of view.images) {
      parts.push(`<a href="${escapeHtml(img.url)}" target="_blank" rel="noopener" tabindex="-1"><img src="${escapeHtml(img.url)}" alt="${escapeHtml(img.alt)}" width="${img.width}" height="${img.height}" data-index="${img.index}"></a>`);
    }
    parts.push('</div>');
  }
  const rows = view.buttons.map((row) => `<div class="buttons">${row.map(buttonHtml).join('')}</div>`);
  parts.push(...rows, '</div>');
  li.innerHTML = parts.join('');
  // Inline styles are not allowed by the page's CSP: set the bar's width from script.
  const bar = li.querySelector('.progress > div');
  if (bar) bar.style.width = `${li.querySelector('.progress').getAttribute('aria-valuenow')}%`;
  if (focused) li.querySelector(`[data-custom-id="${CSS.escape(focused)}"]`)?.focus();
  if (fresh) li.scrollIntoView({ block: 'end' });
  $('empty').hidden = items.size > 0;
}

function insertSorted(li, id) {
  for (const [otherId, other] of [...items].sort((a, b) => a[0] - b[0])) {
    if (otherId > id) {
      feed.insertBefore(li, other);
      return;
    }
  }
  feed.append(li);
}

function removeJob(id) {
  items.get(id)?.remove();
  items.delete(id);
  $('empty').hidden = items.size > 0;
}

// --- buttons ---------------------------------------------------------------------------------------------------

feed.addEventListener('click', async (e) => {
  const button = e.target.closest('button');
  if (!button) return;
  showError('');
  const id = button.dataset.customId;
  if (!id) return;
  // Vary (Region): here the region is painted with a brush instead of picked from a list.
  if (id.startsWith('region:')) {
    const li = button.closest('li');
    const img = li.querySelector('.grid img');
    openRegionEditor({ jobId: Number(id.split(':')[1]), imageUrl: img.src, width: img.width, height: img.height,
      prompt: li.dataset.prompt ?? '', onJob: (view) => render(view) });
    return;
  }
  button.disabled = true;
  try {
    const outcome = await api(`/api/buttons/${encodeURIComponent(id)}`, { method: 'POST' });
    if (outcome.type === 'job') render(outcome.job);
    else if (outcome.type === 'info') showInfo(outcome.embed);
    else if (outcome.type === 'deleted') removeJob(outcome.jobId);
  } catch (err) {
    showError(err.message);
  } finally {
    button.disabled = false;
  }
});

function showInfo(embed) {
  const dl = $('info-fields');
  dl.replaceChildren();
  for (const f of embed.fields ?? []) {
    const dt = document.createElement('dt');
    dt.textContent = f.name;
    const dd = document.createElement('dd');
    dd.textContent = f.value.replace(/^```\n?|\n?```$/g, '');
    dl.append(dt, dd);
  }
  $('info').showModal();
}

// --- the prompt bar --------------------------------------------------------------------------------------------

$('bar').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('prompt');
  const text = input.value.trim();
  if (!text) {
    showError('Describe what to paint first.');
    input.focus();
    return;
  }
  $('imagine').disabled = true;
  try {
    const view = await api('/api/imagine', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    showError('');
    input.value = '';
    render(view);
    // Permutations and --repeat: one job per prompt text.
    for (const more of view.more ?? []) render(more);
  } catch (err) {
    showError(err.message);
  } finally {
    $('imagine').disabled = false;
  }
});

// --- dropped or chosen pictures ----------------------------------------------------------------------------------

let dropped = null;

async function takePicture(file) {
  if (!file || !file.type.startsWith('image/')) {
    showError('Drop a PNG, JPEG or WebP picture.');
    return;
  }
  dropped = file;
  $('dropped-image').src = URL.createObjectURL(file);
  $('dropped').hidden = false;
  $('dropped-use').hidden = true;
  const pre = $('dropped-parameters');
  pre.textContent = 'Reading its parameters…';
  try {
    const info = await api('/api/inspect', { method: 'POST', headers: { 'content-type': file.type }, body: file });
    pre.textContent = info.text;
    if (info.parsed?.prompt) {
      $('dropped-use').hidden = false;
      $('dropped-use').dataset.prompt = info.parsed.prompt;
    }
  } catch (err) {
    pre.textContent = err.message;
  }
}

document.addEventListener('dragover', (e) => {
  if ([...(e.dataTransfer?.items ?? [])].some((i) => i.kind === 'file')) {
    e.preventDefault();
    document.body.classList.add('dragging');
  }
});
document.addEventListener('dragleave', (e) => {
  if (e.relatedTarget === null) document.body.classList.remove('dragging');
});
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dragging');
  takePicture(e.dataTransfer?.files?.[0]);
});
$('upload').addEventListener('change', (e) => {
  takePicture(e.target.files?.[0]);
  e.target.value = '';
});
$('dropped-close').addEventListener('click', () => {
  $('dropped').hidden = true;
  dropped = null;
});
$('dropped-use').addEventListener('click', () => {
  $('prompt').value = $('dropped-use').dataset.prompt ?? '';
  $('prompt').focus();
});
$('dropped-vary').addEventListener('click', async () => {
  if (!dropped) return;
  const text = $('prompt').value.trim() || $('dropped-use').dataset.prompt || '';
  try {
    const view = await api(`/api/imagine?text=${encodeURIComponent(text)}`, { method: 'POST', headers: { 'content-type': dropped.type }, body: dropped });
    showError('');
    $('dropped').hidden = true;
    render(view);
  } catch (err) {
    showError(err.message);
  }
});

// --- history and live events ------------------------------------------------------------------------------------

async function loadState(before) {
  const state = await api(`/api/state${before ? `?before=${before}` : ''}`);
  showModel(state.model);
  for (const view of state.jobs) render(view);
  if (state.jobs.length) oldest = Math.min(oldest ?? Infinity, ...state.jobs.map((j) => j.id));
  $('older').hidden = !state.more;
  $('empty').hidden = items.size > 0;
}

/** The model in the header; while it loads (the page is up before it), ask again every second. */
function showModel(model) {
  if (model) {
    $('model').textContent = `${model.name} · ${model.executionProvider}`;
    document.body.dataset.model = 'ready';
    return;
  }
  $('model').textContent = 'loading the model…';
  setTimeout(() => api('/api/state?limit=0').then((s) => showModel(s.model)).catch(() => showModel(null)), 1000);
}

$('older').addEventListener('click', () => loadState(oldest).catch((err) => showError(err.message)));

function listen() {
  const events = new EventSource('/api/events');
  let opened = false;
  events.addEventListener('open', () => {
    // After a restart of the server, catch up on what happened meanwhile.
    if (opened) loadState().catch(() => undefined);
    opened = true;
  });
  events.addEventListener('job', (e) => {
    const view = JSON.parse(e.data);
    render(view, view.preview);
  });
}

/**
 * A link from Discord's Vary (Region) (`#paint=<job>:<image>`, src/playground/link.ts): open the painter on that
 * image. The edit runs here, as the playground's own job.
 */
async function openPaintLink() {
  const m = /^#paint=(\d{1,15}):(\d{1,2})$/.exec(location.hash);
  if (!m) return;
  history.replaceState(null, '', location.pathname + location.search);
  try {
    const source = await api(`/api/paint/${m[1]}/${m[2]}`);
    openRegionEditor({ jobId: source.jobId, index: source.index, imageUrl: source.imageUrl, width: source.width,
      height: source.height, prompt: source.prompt, onJob: (view) => render(view) });
  } catch (err) {
    showError(err.message);
  }
}

setInterval(() => tickRelativeTimes(feed), 1000);
await loadState().catch((err) => showError(err.message));
listen();
await openPaintLink();
window.addEventListener('hashchange', () => openPaintLink());
document.body.dataset.ready = 'true';
