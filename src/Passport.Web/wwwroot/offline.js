// The Children's Passport page script (ADR 19, docs/offline.md). Every page works without it. It
// adds the installable app's service worker (/sw.js), wipes the offline copies of passports before
// signing out, runs the family's "Keep my passports readable on this device" setting on
// /use-offline, and lists the kept copies on the "You are offline" page.
(() => {
  'use strict';

  // Shared with sw.js: the cache of kept passport pages, and its settings entry (who turned it on).
  const OFFLINE_COPIES = 'passport-offline-copies';
  const SETTINGS = '/offline-copies/settings';
  const supported = 'serviceWorker' in navigator && 'caches' in window;

  // Refused (storage turned off, some private windows) or offline: the site works without the worker.
  const registered = supported ? navigator.serviceWorker.register('/sw.js') : Promise.reject(new Error('No service workers'));
  registered.catch(() => null);

  // Wipe before the server ends the session, so the copies go even when the sign-out cannot reach it.
  document.addEventListener('submit', event => {
    const form = event.target;
    if (!supported || !(form instanceof HTMLFormElement) || form.dataset.wiped
      || new URL(form.action, location.href).pathname !== '/sign-out') {
      return;
    }
    event.preventDefault();
    caches.delete(OFFLINE_COPIES).catch(() => false).finally(() => {
      form.dataset.wiped = 'true';
      form.submit();
    });
  });

  const setting = document.getElementById('offline-setting');
  if (setting) {
    runSetting(setting);
  }

  const kept = document.getElementById('kept-passports');
  if (kept && supported) {
    listKept(kept);
  }

  /** Who turned offline copies on (their viewer value) and when, or null when they are off. */
  async function settings() {
    const entry = await caches.match(SETTINGS, { cacheName: OFFLINE_COPIES });
    return entry ? entry.json() : null;
  }

  async function runSetting(form) {
    const needsScript = document.getElementById('offline-needs-script');
    if (!supported) {
      needsScript.textContent = needsScript.dataset.textUnsupported || 'This browser cannot keep passports for reading offline.';
      form.dataset.offlineState = 'unsupported';
      return;
    }
    needsScript.remove();
    form.hidden = false;
    const checkbox = form.querySelector('#keep-offline');
    const status = form.querySelector('#offline-status');
    const viewer = form.dataset.viewer;
    const paths = [...document.querySelectorAll('[data-passport]')].map(item => item.dataset.passport);

    const current = await settings();
    if (current && current.owner !== viewer) {
      // Kept for someone else who used this device: never shown to, or kept for, this person.
      await caches.delete(OFFLINE_COPIES);
    }
    checkbox.checked = current?.owner === viewer;
    await show(form);

    form.addEventListener('submit', async event => {
      event.preventDefault();
      form.dataset.offlineState = 'saving';
      status.textContent = form.dataset.textSaving || 'Saving…';
      try {
        if (checkbox.checked) {
          await keep(viewer, paths);
        } else {
          await caches.delete(OFFLINE_COPIES);
        }
        const count = await show(form);
        // The page gives the messages in its language; {0} and {1} are the counts.
        status.textContent = !checkbox.checked ? form.dataset.textSavedOff
          : count === paths.length ? form.dataset.textSavedOn
          : form.dataset.textSavedSome.replace('{0}', count).replace('{1}', paths.length);
      } catch {
        form.dataset.offlineState = 'error';
        status.textContent = form.dataset.textError;
      }
    });
  }

  /** Turns copies on for this person and keeps each of their passports now. */
  async function keep(owner, paths) {
    const cache = await caches.open(OFFLINE_COPIES);
    await cache.put(SETTINGS, new Response(JSON.stringify({ owner, since: new Date().toISOString() }), {
      headers: { 'Content-Type': 'application/json' },
    }));
    await controlled();
    for (const path of paths) {
      // The worker keeps the copy as the page passes through it, if the server says it may.
      const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
      if (response.status >= 500) {
        throw new Error('The service could not show ' + path);
      }
    }
    for (const entry of await cache.keys()) {
      const path = new URL(entry.url).pathname;
      if (path !== SETTINGS && !paths.includes(path)) {
        await cache.delete(entry);
      }
    }
  }

  /** Resolves once the worker controls this page, so that the page's requests pass through it. */
  async function controlled() {
    await registered;
    const registration = await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) {
      return;
    }
    const change = new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    registration.active.postMessage('claim');
    await change;
  }

  /** Shows, for each passport, whether a copy is kept and when it was last updated; returns how many are. */
  async function show(form) {
    const on = (await settings()) !== null;
    let count = 0;
    for (const item of document.querySelectorAll('[data-passport]')) {
      const copy = on ? await caches.match(item.dataset.passport, { cacheName: OFFLINE_COPIES }) : undefined;
      item.querySelector('[data-copy-state]').textContent = copy
        ? form.dataset.textKept.replace('{0}', decodeURIComponent(copy.headers.get('X-Passport-Updated')))
        : form.dataset.textNotKept;
      count += copy ? 1 : 0;
    }
    form.dataset.offlineState = on ? 'on' : 'off';
    form.dataset.keptCopies = String(count);
    return count;
  }

  /** On the offline page: links to the kept copies, if the family turned them on. */
  async function listKept(section) {
    if (!(await settings())) {
      return;
    }
    const list = section.querySelector('ul');
    const cache = await caches.open(OFFLINE_COPIES);
    for (const entry of await cache.keys()) {
      const path = new URL(entry.url).pathname;
      if (path === SETTINGS) {
        continue;
      }
      const copy = await cache.match(entry);
      const name = new DOMParser().parseFromString(await copy.text(), 'text/html').querySelector('h1')?.textContent.trim() || 'Passport';
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = path;
      link.textContent = name;
      const updated = document.createElement('span');
      updated.className = 'passport-provenance';
      updated.textContent = `Last updated ${decodeURIComponent(copy.headers.get('X-Passport-Updated'))}`;
      item.append(link, document.createElement('br'), updated);
      list.append(item);
    }
    section.hidden = list.children.length === 0;
  }
})();
