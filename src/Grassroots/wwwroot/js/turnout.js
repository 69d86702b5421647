// A motion's turnout, live: the count and the board's head move as ballots are cast (pushed by SignalR, about once a
// second), and the page reloads when voting opens or closes, to show the ballot or the result. Numbers only: the
// server never pushes a choice or a name. Without script the page shows the numbers as of its loading.
(() => {
    const box = document.querySelector('[data-turnout]');
    if (!box || !window.signalR) return;
    const motion = box.dataset.turnout;
    const lang = document.documentElement.lang;
    const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/turnout').withAutomaticReconnect().build();
    function show(update) {
        if (!update) return;
        if (update.status !== box.dataset.status) { location.reload(); return; }
        box.querySelectorAll('[data-voted]').forEach(e => { e.textContent = Number(update.voted).toLocaleString(lang); });
        box.querySelectorAll('[data-roll]').forEach(e => { e.textContent = Number(update.roll).toLocaleString(lang); });
        box.querySelectorAll('[data-head]').forEach(e => { e.textContent = update.boardHead.slice(0, 16) + '…'; });
    }
    connection.on('turnout', show);
    connection.onreconnected(() => connection.invoke('Watch', motion).then(show));
    connection.start().then(() => connection.invoke('Watch', motion)).then(show).catch(() => { /* the page still works by reloading */ });
})();
