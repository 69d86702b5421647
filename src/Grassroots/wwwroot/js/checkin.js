// The check-in page, made quicker where script runs (it works without: forms post and come back).
// Filters the list as the host types, posts a tap without reloading the page, and keeps the count
// live: every check-in, undo and walk-in, from any host's phone or the API, is pushed by SignalR.
(() => {
    const door = document.querySelector('[data-checkin]');
    if (!door) return;
    const eventId = door.dataset.checkin;
    const lang = document.documentElement.lang;

    function showCounts(counts) {
        for (const [name, value] of Object.entries(counts))
            door.querySelectorAll(`[data-count="${name}"]`).forEach(e => { e.textContent = Number(value).toLocaleString(lang); });
    }

    // A person's row as another host's tap left it (their forms are both on the page; one is hidden).
    function showPerson(person) {
        const row = person && door.querySelector(`[data-rsvp="${person.id}"]`);
        if (!row) return;
        const inside = person.status === 'Confirmed' && person.checkedInAt !== null;
        if (person.status === 'Cancelled') { row.remove(); return; }
        row.classList.toggle('in', inside);
        row.querySelector('.when-in')?.toggleAttribute('hidden', !inside);
        // The time of arrival, as the page writes it: at the event's place, in the page's language.
        const time = row.querySelector('.when-in time');
        if (time && inside) {
            time.dateTime = person.checkedInAt;
            time.textContent = new Date(person.checkedInAt).toLocaleTimeString(lang, { hour: 'numeric', minute: '2-digit', timeZone: door.dataset.zone });
        }
        row.querySelector('form[data-door="in"]')?.toggleAttribute('hidden', inside);
        row.querySelector('form[data-door="out"]')?.toggleAttribute('hidden', !inside);
    }

    // Fetches the page (after a search, or the redirect after a tap) and puts its fresh parts in place.
    async function refresh(url, init, parts) {
        const response = await fetch(url, { ...init, headers: { Accept: 'text/html' }, credentials: 'same-origin' });
        if (!response.ok) return false;
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        for (const id of parts) {
            const now = document.getElementById(id), next = fresh.getElementById(id);
            if (now && next) now.replaceWith(next);
        }
        return true;
    }

    const search = door.querySelector('[data-live-search]');
    let typing;
    search?.addEventListener('input', () => {
        clearTimeout(typing);
        typing = setTimeout(async () => {
            const url = new URL(location.href);
            url.search = search.value.trim() ? '?q=' + encodeURIComponent(search.value.trim()) : '';
            if (await refresh(url, {}, ['attendees'])) history.replaceState(null, '', url);
        }, 250);
    });

    door.addEventListener('submit', async event => {
        const form = event.target;
        if (!form.matches('form[data-door]')) return;
        event.preventDefault();
        const row = form.closest('[data-rsvp]')?.dataset.rsvp;
        form.querySelector('button').disabled = true; // a second tap while the first is on its way does nothing
        const done = await refresh(form.action, { method: 'POST', body: new FormData(form) }, ['attendees', 'counts', 'door-status']).catch(() => false);
        if (!done) { form.submit(); return; }
        // Keep the keyboard where it was: on the same person's button.
        door.querySelector(`[data-rsvp="${row}"] form:not([hidden]) button`)?.focus();
    });

    if (!window.signalR) return;
    const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/checkin').withAutomaticReconnect().build();
    connection.on('counts', update => {
        if (update.eventId !== eventId) return;
        showCounts(update.counts);
        showPerson(update.changed);
    });
    const watch = async () => {
        const counts = await connection.invoke('Watch', eventId);
        if (counts) showCounts(counts);
        door.dataset.live = counts ? 'on' : 'off';
    };
    connection.onreconnected(watch);
    connection.start().then(watch).catch(() => { door.dataset.live = 'off'; });
})();
