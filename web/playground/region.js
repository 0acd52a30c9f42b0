// The region editor: paint a mask over a single image (brush, eraser, size, clear), say what goes there, run.
// The mask is sent as a black-and-white PNG of the image's own size: white is the region to repaint.

const $ = (id) => document.getElementById(id);
let session = null;

export function openRegionEditor({ jobId, index = 0, imageUrl, width, height, prompt, onJob }) {
  const dialog = $('editor');
  const canvas = $('mask');
  const img = $('editor-image');
  img.src = imageUrl;
  img.alt = '';
  canvas.width = width;
  canvas.height = height;
  canvas.parentElement.style.aspectRatio = `${width} / ${height}`;
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, width, height);
  $('editor-error').textContent = '';
  // Prefilled with the picture's prompt, as Discord's Vary (Region) form is: edit it to say what goes in the region.
  $('region-prompt').value = prompt ?? '';
  session = { jobId, index, width, height, onJob, painted: false };
  dialog.showModal();
}

function brush() {
  const canvas = $('mask');
  // The slider is a share of the image's width, so the brush feels the same on a 64 px and a 1024 px image.
  return Math.max(1, (Number($('brush-size').value) / 100) * canvas.width);
}

function paintAt(e) {
  const canvas = $('mask');
  const r = canvas.getBoundingClientRect();
  const x = ((e.clientX - r.left) / r.width) * canvas.width;
  const y = ((e.clientY - r.top) / r.height) * canvas.height;
  const g = canvas.getContext('2d');
  const erase = document.querySelector('input[name="tool"]:checked')?.value === 'eraser';
  g.globalCompositeOperation = erase ? 'destination-out' : 'source-over';
  g.fillStyle = 'rgba(242, 63, 67, 1)';
  g.beginPath();
  g.arc(x, y, brush() / 2, 0, Math.PI * 2);
  g.fill();
  if (!erase && session) session.painted = true;
}

const canvas = $('mask');
let down = false;
canvas.addEventListener('pointerdown', (e) => {
  down = true;
  canvas.setPointerCapture(e.pointerId);
  paintAt(e);
});
canvas.addEventListener('pointermove', (e) => {
  if (down) paintAt(e);
});
canvas.addEventListener('pointerup', () => {
  down = false;
});
canvas.addEventListener('pointercancel', () => {
  down = false;
});
$('mask-clear').addEventListener('click', () => {
  canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
  if (session) session.painted = false;
});

/** The painted pixels as a black-and-white PNG (white: repaint). */
async function maskPng() {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const g = out.getContext('2d');
  g.fillStyle = '#000';
  g.fillRect(0, 0, out.width, out.height);
  const painted = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const result = g.getImageData(0, 0, out.width, out.height);
  for (let i = 0; i < painted.data.length; i += 4) {
    const v = painted.data[i + 3] >= 128 ? 255 : 0;
    result.data[i] = result.data[i + 1] = result.data[i + 2] = v;
  }
  g.putImageData(result, 0, 0);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

$('editor-form').addEventListener('submit', async (e) => {
  if (e.submitter?.value !== 'run') return; // Cancel closes the dialog
  e.preventDefault();
  if (!session) return;
  const prompt = $('region-prompt').value.trim();
  if (!session.painted) {
    $('editor-error').textContent = 'Paint over the part of the picture to change first.';
    return;
  }
  if (!prompt) {
    $('editor-error').textContent = 'Say what should be in the painted region.';
    return;
  }
  $('region-run').disabled = true;
  try {
    const mask = await maskPng();
    const res = await fetch(`/api/jobs/${session.jobId}/region?index=${session.index}&text=${encodeURIComponent(prompt)}`, {
      method: 'POST', headers: { 'content-type': 'image/png', accept: 'application/json' }, body: mask,
    });
    const body = await res.json().catch(() => ({ error: `The server answered ${res.status}.` }));
    if (!res.ok) throw new Error(body.error);
    $('editor').close();
    session.onJob(body);
  } catch (err) {
    $('editor-error').textContent = err.message;
  } finally {
    $('region-run').disabled = false;
  }
});
