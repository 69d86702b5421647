// The events map: progressive over the list (the page works without it). Data from /api/events/map with the
// page's filters: clusters counted on the server for wide views, single events (clustered here with
// leaflet.markercluster) for close ones. Basemap: a configured tile server, else the offline US states
// from us-atlas drawn as GeoJSON, so the map works with no internet.
(function () {
  'use strict';
  if (!window.L || !window.fetch) return;
  var lang = document.documentElement.lang || 'en';
  var when = new Intl.DateTimeFormat(lang, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

  document.querySelectorAll('[data-events-map]').forEach(function (el) {
    var d = el.dataset;
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, worldCopyJump: true, minZoom: 2, maxZoom: 16 })
      .setView([+d.lat, +d.lng], +d.zoom);
    if (d.tiles) {
      L.tileLayer(d.tiles, { attribution: d.attribution || '', maxZoom: 18 }).addTo(map);
    } else {
      fetch(d.basemap).then(function (r) { return r.json(); }).then(function (us) {
        L.geoJSON(topojson.feature(us, us.objects.states), {
          interactive: false,
          style: function () { return { className: 'offline-state', color: '#8a96a3', weight: 1, fillColor: '#f6f4ee', fillOpacity: 1 }; }
        }).addTo(map).bringToBack();
      }).catch(function () { /* the markers still show */ });
      map.attributionControl.addAttribution(d.labelOffline || 'us-atlas');
    }

    var clusters = L.layerGroup().addTo(map);
    var points = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 }).addTo(map);
    var pending = null;
    // Redrawing removes the markers, and with them an open popup: a view's data that comes while one is open
    // (the popup's own auto-pan, a pan to see around it, a late answer) is drawn once it is closed.
    var popupOpen = false, later = null;
    map.on('popupopen', function () { popupOpen = true; });
    // After the turn: a click on another marker closes one popup and opens the next.
    map.on('popupclose', function () {
      popupOpen = false;
      setTimeout(function () { if (!popupOpen && later) { var data = later; later = null; draw(data); } }, 0);
    });

    function load() {
      var b = map.getBounds();
      var url = d.api + (d.api.indexOf('?') < 0 ? '?' : '&') + 'south=' + b.getSouth().toFixed(4) + '&west=' + b.getWest().toFixed(4) +
        '&north=' + b.getNorth().toFixed(4) + '&east=' + b.getEast().toFixed(4) + '&zoom=' + map.getZoom();
      if (pending) pending.abort();
      var ctl = pending = new AbortController();
      fetch(url, { signal: ctl.signal, headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (!data) return; if (popupOpen) later = data; else draw(data); })
        .catch(function () { /* aborted by a newer view, or offline */ });
    }

    function draw(data) {
      clusters.clearLayers();
      points.clearLayers();
      data.clusters.forEach(function (c) {
        var size = c.count < 10 ? 'small' : c.count < 100 ? 'medium' : 'large';
        var label = (d.labelCluster || '{0}').replace('{0}', c.count);
        var m = L.marker([c.lat, c.lng], {
          title: label, alt: label, keyboard: true,
          icon: L.divIcon({ html: '<div><span>' + Number(c.count) + '</span></div>', className: 'marker-cluster marker-cluster-' + size, iconSize: L.point(40, 40) })
        });
        m.on('click', function () { map.setView([c.lat, c.lng], Math.min(map.getZoom() + 2, 16)); });
        clusters.addLayer(m);
      });
      var markers = data.events.map(function (e) {
        var m = L.marker([e.lat, e.lng], { title: e.title, alt: e.title, keyboard: true });
        m.bindPopup(function () { return popup(e); });
        return m;
      });
      points.addLayers(markers);
    }

    // Built from elements, not HTML strings: titles are what hosts typed.
    function popup(e) {
      var box = document.createElement('div');
      var a = document.createElement('a');
      a.href = '/events/' + encodeURIComponent(e.slug);
      a.textContent = e.title;
      if (d.newTab) { a.target = '_blank'; a.rel = 'noopener'; }
      var p = document.createElement('p');
      p.textContent = when.format(new Date(e.startsLocal)) + (e.city ? ' · ' + e.city + ', ' + e.state : '');
      box.appendChild(a);
      box.appendChild(p);
      return box;
    }

    map.on('moveend', load);
    load();
  });
})();
