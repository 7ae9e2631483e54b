// Small behaviour the server cannot render: keyboard shortcut, clipboard, history details.
// Loaded as a file because the Content-Security-Policy allows no inline script; every page
// works without it (copy buttons stay hidden, links and the form do the rest).

/** Time after a search typed in the box during which the next typed one replaces its history entry. */
const TYPING_BURST_MS = 2000;

const announcer = () => document.getElementById('announcer');

function announce(message) {
  const region = announcer();
  if (!region) return;
  // Clearing first makes a repeated message ("Link copied" twice) be read again.
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Controls that need JavaScript are rendered hidden; show them once this script runs. */
function revealScriptedControls(root) {
  const selector = '[data-copy-url], [data-copy-from], [data-copy-citation], [data-close-panel]';
  for (const control of root.querySelectorAll(selector)) control.removeAttribute('hidden');
}

function isEditable(element) {
  if (!(element instanceof HTMLElement)) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

/** `/` focuses the search box, as on most search sites, unless the person is typing somewhere. */
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isEditable(event.target)) return;
  const box = document.getElementById('q');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});

/** For pages served over plain HTTP (no Clipboard API outside secure contexts). */
function copyWithSelection(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(text);
  else copyWithSelection(text);
}

/**
 * Copies text that still has to be fetched. A ClipboardItem holding a promise keeps the click's
 * permission while the request runs (Safari requires it); elsewhere, fetch and then write.
 */
async function copyFetched(textPromise) {
  if (navigator.clipboard && window.isSecureContext && 'ClipboardItem' in window) {
    try {
      const blob = textPromise.then((text) => new Blob([text], { type: 'text/plain' }));
      await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
      return;
    } catch {
      // Some browsers reject promised items: fall through to a plain write.
    }
  }
  await copyText(await textPromise);
}

async function fetchCitation(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`citation request answered ${response.status}`);
  return (await response.json()).plain;
}

function confirmCopied(button, message) {
  button.classList.add('copied');
  announce(message);
  window.setTimeout(() => button.classList.remove('copied'), 2000);
}

document.addEventListener('click', async (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const button = target?.closest(
    '[data-copy-url], [data-copy-from], [data-copy-citation], [data-close-panel]',
  );
  if (!button) return;
  if (button.hasAttribute('data-close-panel')) {
    closePanel(button);
    return;
  }
  try {
    if (button.dataset.copyUrl) {
      await copyText(new URL(button.dataset.copyUrl, location.origin).href);
      confirmCopied(button, 'Link copied');
    } else if (button.dataset.copyFrom) {
      await copyText(document.querySelector(button.dataset.copyFrom)?.textContent ?? '');
      confirmCopied(button, 'Citation copied');
    } else if (button.dataset.copyCitation) {
      await copyFetched(fetchCitation(button.dataset.copyCitation));
      confirmCopied(button, 'Citation copied');
    }
  } catch {
    announce('Could not copy: select the text and copy it yourself');
    // The citation panel shows every format as text that can be selected by hand.
    button.closest('.passage-tools')?.querySelector('.cite-link')?.click();
  }
});

function closePanel(button) {
  const slot = button.closest('.cite-slot');
  if (!slot) return;
  const opener = document.querySelector(`[aria-controls="${slot.id}"]`);
  slot.replaceChildren();
  if (opener instanceof HTMLElement) opener.focus();
}

/** "Back to results" goes back in history when it came from there: the browser restores the scroll position. */
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-back]') : null;
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  if (!document.referrer || history.length < 2) return;
  const from = new URL(document.referrer);
  if (from.origin !== location.origin || !['/', '/search', '/quotes'].includes(from.pathname)) return;
  event.preventDefault();
  history.back();
});

function syncSearchBoxWithUrl() {
  const params = new URLSearchParams(location.search);
  const box = document.getElementById('q');
  if (box instanceof HTMLInputElement) box.value = params.get('q') ?? '';
  const sort = document.getElementById('sort');
  if (sort instanceof HTMLSelectElement) sort.value = params.get('sort') ?? 'relevance';
}

let lastTypedSearchAt = 0;

function wireHtmx(htmx) {
  htmx.onLoad(revealScriptedControls);

  document.body.addEventListener('htmx:configRequest', (event) => {
    const trigger = event.detail.triggeringEvent;
    const typed = trigger?.type === 'input' && trigger.target?.id === 'q';
    const now = Date.now();
    // A pause in typing makes a new history entry; keystrokes in one burst update the same one.
    if (typed && now - lastTypedSearchAt < TYPING_BURST_MS) event.detail.headers['X-History'] = 'replace';
    lastTypedSearchAt = typed ? now : 0;
  });

  document.body.addEventListener('htmx:beforeRequest', (event) => {
    if (event.detail.target?.id === 'results-area') event.detail.target.setAttribute('aria-busy', 'true');
  });
  document.body.addEventListener('htmx:afterRequest', (event) => {
    if (event.detail.target?.id === 'results-area') event.detail.target.removeAttribute('aria-busy');
  });

  // A citation panel that opens takes the focus, so keyboard and screen reader users land in it.
  document.body.addEventListener('htmx:afterSwap', (event) => {
    const slot = event.detail.target;
    if (slot?.classList?.contains('cite-slot')) slot.querySelector('.cite-title')?.focus();
  });

  // The search box and sort order live outside the swapped region, so a restored page takes them from its URL.
  document.body.addEventListener('htmx:historyRestore', syncSearchBoxWithUrl);
}

revealScriptedControls(document);
if (window.htmx) wireHtmx(window.htmx);
