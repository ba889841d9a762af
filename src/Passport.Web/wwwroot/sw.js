// The Children's Passport service worker, served at /sw.js (ADR 19, docs/offline.md).
//
// Deny by default. It keeps the app shell (styles, the page script, icons and the "You are
// offline" page) and nothing else, for anyone. A passport page is kept only when both hold:
//  * the family turned on "Keep my passports readable on this device" (the settings entry in the
//    offline-copies cache, written by their own action on /use-offline, naming who they are), and
//  * the server marked that very response as theirs to keep (X-Passport-Offline: allowed, sent
//    only on the family's own passport page) for that same person (X-Passport-Viewer).
// Copies are wiped when someone else signs in, and when the server no longer lets the family see a
// passport. Sign-out wipes them from the page (offline.js) and with Clear-Site-Data.
'use strict';

const SHELL = 'passport-shell-v1';
const OFFLINE_COPIES = 'passport-offline-copies';
const SETTINGS = '/offline-copies/settings';
const ASSETS = '/_content/Passport.Web/';
const OFFLINE_PAGE = ASSETS + 'offline.html';
const SHELL_FILES = [
  OFFLINE_PAGE,
  ASSETS + 'offline.js',
  ASSETS + 'passport.css',
  ASSETS + 'nhsuk/nhsuk-frontend.min.css',
  ASSETS + 'manifest.webmanifest',
  ASSETS + 'icons/icon-192.png',
  ASSETS + 'icons/icon-512.png',
];
const PASSPORT_PAGE = /^\/passports\/[^/]+$/;

// The identity provider's callbacks carry one-time state: the browser handles them as if there were no worker.
const PASS_THROUGH = ['/signin-oidc', '/signout-callback-oidc'];

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await cache.addAll(SHELL_FILES.map(url => new Request(url, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('passport-shell-') && name !== SHELL) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

// A page loaded past the worker (a hard reload) asks to be controlled before it keeps copies.
self.addEventListener('message', event => {
  if (event.data === 'claim') {
    event.waitUntil(self.clients.claim());
  }
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || PASS_THROUGH.includes(url.pathname)) {
    return;
  }

  if (PASSPORT_PAGE.test(url.pathname)) {
    event.respondWith(passportPage(request, url.pathname));
  } else if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith(ASSETS)) {
    event.respondWith(asset(request, url.pathname));
  }
});

/** A passport page: from the network, keeping or forgetting its copy; offline, the copy if one is kept. */
async function passportPage(request, path) {
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    if (request.mode !== 'navigate') {
      throw offline;
    }
    return (await storedCopy(path)) ?? offlinePage();
  }
  await reconcile(response, path);
  return response;
}

/** Any other page: from the network; offline, the offline page. */
async function page(request) {
  try {
    const response = await fetch(request);
    await reconcile(response, null);
    return response;
  } catch {
    return offlinePage();
  }
}

/** The app shell: from the network (refreshing the kept copy); offline, the kept copy. */
async function asset(request, path) {
  try {
    const response = await fetch(request);
    if (response.ok && SHELL_FILES.includes(path)) {
      const cache = await caches.open(SHELL);
      await cache.put(path, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = await caches.match(path, { cacheName: SHELL });
    if (kept) {
      return kept;
    }
    throw offline;
  }
}

/** Who turned offline copies on, or null: the settings entry is only ever written by the family on /use-offline. */
async function optedIn() {
  const settings = await caches.match(SETTINGS, { cacheName: OFFLINE_COPIES });
  return settings ? settings.json() : null;
}

/** Brings the kept copies in line with what the server just said. */
async function reconcile(response, passportPath) {
  const settings = await optedIn();
  if (!settings) {
    return;
  }

  const viewer = response.headers.get('X-Passport-Viewer');
  if (viewer !== null && viewer !== settings.owner) {
    // Someone else signed in on this device: the copies were kept for another person.
    await caches.delete(OFFLINE_COPIES);
    return;
  }

  const cache = await caches.open(OFFLINE_COPIES);
  const keep = response.headers.get('X-Passport-Offline-Keep');
  if (keep !== null && viewer === settings.owner) {
    const theirs = new Set(keep.split(',').filter(id => id.length > 0).map(id => '/passports/' + id));
    for (const kept of await cache.keys()) {
      const path = new URL(kept.url).pathname;
      if (path !== SETTINGS && !theirs.has(path)) {
        await cache.delete(kept);
      }
    }
  }

  if (passportPath === null) {
    return;
  }

  const updated = response.headers.get('X-Passport-Updated');
  if (response.status === 200 && response.headers.get('X-Passport-Offline') === 'allowed' && viewer === settings.owner && updated) {
    const html = await response.clone().text();
    await cache.put(passportPath, new Response(html, {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'X-Passport-Updated': updated },
    }));
    // Turned off or signed out meanwhile: the put may have made the cache anew, without its settings.
    if (!(await cache.match(SETTINGS))) {
      await caches.delete(OFFLINE_COPIES);
    }
  } else if (response.type === 'basic' && !response.redirected && response.status < 500) {
    // Seen, but no longer theirs to keep (access ended, passport closed): forget the copy.
    // A server error or a sign-in redirect says nothing about that, so the copy stays.
    await cache.delete(passportPath);
  }
}

/** The kept copy of a passport page, with a banner saying it is one and when it was last updated. */
async function storedCopy(path) {
  if (!(await optedIn())) {
    return null;
  }
  const copy = await caches.match(path, { cacheName: OFFLINE_COPIES });
  if (!copy) {
    return null;
  }
  const html = await copy.text();
  const banner =
    // Written by the worker without the server, in English whatever the page's language (docs/languages.md).
    '<div class="nhsuk-warning-callout" id="offline-copy" lang="en">' +
    '<h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>You are offline</span></h2>' +
    `<p>Offline copy, last updated ${escapeHtml(decodeURIComponent(copy.headers.get('X-Passport-Updated') ?? ''))}. It may be out of date: open the passport again when you are online.</p>` +
    '</div>';
  const marked = /<\/h1>/.test(html) ? html.replace(/<\/h1>/, h1 => h1 + banner) : html.replace(/<main\b[^>]*>/, main => main + banner);
  return new Response(marked, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

async function offlinePage() {
  return (await caches.match(OFFLINE_PAGE, { cacheName: SHELL }))
    ?? new Response('You are offline.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
