// dyad's interactive view: the graph drawn by Cytoscape.js, with search, filters and panels.
// It reads the JSON document in #dyad-data and never fetches anything.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dyad-data").textContent);
  // The most actors laid out by force; larger graphs are placed in rings (see below).
  var FORCE_UP_TO = 400;
  var $ = function (id) { return document.getElementById(id); };

  // Names compared as the REPL compares them: case and accents do not matter.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function text(tag, content, cls) {
    var e = document.createElement(tag);
    if (content !== undefined) e.textContent = content;
    if (cls) e.className = cls;
    return e;
  }

  var kindStyle = {};
  data.actor_kinds.forEach(function (k) { kindStyle[k.kind] = k; });
  var relStyle = {};
  data.relation_kinds.forEach(function (r) { relStyle[r.kind] = r; });
  var nodeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });

  // The filter's state, and whether a claim passes it.
  var state = { kinds: {}, action: "", certainty: data.certainties.length - 1, genres: {}, from: null, to: null };
  function passes(c, kind) {
    if (!state.kinds[kind]) return false;
    if (state.action && c.action !== state.action) return false;
    if (c.certainty_rank > state.certainty) return false;
    if (!state.genres[c.genre]) return false;
    // A claim passes a date window when its date may fall in it, as `since` and `until` say.
    if (state.from && c.latest && c.latest < state.from) return false;
    if (state.to && c.earliest && c.earliest > state.to) return false;
    return true;
  }

  var elements = [];
  data.nodes.forEach(function (n) {
    var k = kindStyle[n.kind];
    elements.push({ group: "nodes", data: { id: n.id, label: n.name, shape: k.shape, fill: k.fill, highlight: n.highlight ? 1 : 0 } });
  });
  data.edges.forEach(function (e) {
    var r = relStyle[e.kind];
    elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, color: r.color, line: r.style, kind: e.kind, n: e.claims.length, width: 1 } });
  });

  var cy = cytoscape({
    container: $("graph"),
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { "label": "data(label)", "shape": "data(shape)", "background-color": "data(fill)", "border-color": "#455a64", "border-width": 1, "text-valign": "center", "text-halign": "center", "font-size": 11, "width": "label", "height": 22, "padding": "6px", "text-wrap": "none" } },
      { selector: "node[highlight = 1]", style: { "border-color": "#f57f17", "border-width": 3, "font-weight": "bold" } },
      { selector: "node.match", style: { "border-color": "#6a1b9a", "border-width": 4 } },
      { selector: "node.faded", style: { "opacity": 0.25 } },
      { selector: "edge", style: { "line-color": "data(color)", "line-style": "data(line)", "width": "data(width)", "curve-style": "bezier", "target-arrow-shape": "none", "opacity": 0.85 } },
      { selector: "edge.hidden, node.hidden", style: { "display": "none" } },
      { selector: ":selected", style: { "overlay-color": "#ffca28", "overlay-opacity": 0.35, "overlay-padding": 4 } }
    ],
    layout: { name: "preset" }
  });
  // Force-directed, as the DOT diagram of a network is, with strong repulsion to keep labels
  // apart. Its cost grows with the square of the actors per iteration, so past a few hundred
  // (1,500 actors took over a minute) the actors are placed in rings by how connected they
  // are instead: instant, with the hubs in the middle, and search and filters still at hand.
  var large = data.nodes.length > FORCE_UP_TO;
  cy.layout(large
    ? { name: "concentric", animate: false, concentric: function (n) { return n.degree(); }, levelWidth: function () { return 4; }, minNodeSpacing: 12, padding: 30 }
    : { name: "cose", animate: false, randomize: true, nodeRepulsion: function () { return 400000; }, idealEdgeLength: function () { return 110; }, nodeOverlap: 40, gravity: 0.4, numIter: 2500, padding: 30 }
  ).run();

  // Controls, built from what the data holds.
  data.relation_kinds.forEach(function (r) {
    var l = text("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.value = r.kind; box.id = "kind-" + r.kind;
    state.kinds[r.kind] = true;
    box.addEventListener("change", function () { state.kinds[r.kind] = box.checked; apply(); });
    l.appendChild(box);
    var sw = text("span", " " + r.kind);
    sw.style.color = r.color;
    l.appendChild(sw);
    $("kinds").appendChild(l);
  });
  var actions = {}, genres = {}, days = [];
  data.edges.forEach(function (e) {
    e.claims.forEach(function (c) {
      actions[c.action] = true; genres[c.genre] = true;
      if (c.earliest) days.push(c.earliest);
      if (c.latest) days.push(c.latest);
    });
  });
  Object.keys(actions).sort().forEach(function (a) {
    var o = text("option", a); o.value = a; $("action").appendChild(o);
  });
  $("action").addEventListener("change", function () { state.action = $("action").value; apply(); });
  data.certainties.forEach(function (c, i) {
    var o = text("option", c); o.value = String(i); $("certainty").appendChild(o);
  });
  $("certainty").value = String(state.certainty);
  $("certainty").addEventListener("change", function () { state.certainty = Number($("certainty").value); apply(); });
  Object.keys(genres).sort().forEach(function (g) {
    var l = text("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.id = "genre-" + g;
    state.genres[g] = true;
    box.addEventListener("change", function () { state.genres[g] = box.checked; apply(); });
    l.appendChild(box); l.appendChild(text("span", " " + g));
    $("genres").appendChild(l);
  });
  // The date sliders step through the months the claims' dates reach.
  var months = Array.from(new Set(days.map(function (d) { return d.slice(0, 7); }))).sort();
  var from = $("date-from"), to = $("date-to");
  if (months.length === 0) { $("dates").style.display = "none"; }
  from.max = to.max = String(Math.max(months.length - 1, 0));
  to.value = to.max;
  function dates() {
    var a = Number(from.value), b = Number(to.value);
    if (a > b) { if (this === from) { to.value = a; b = a; } else { from.value = b; a = b; } }
    var whole = a === 0 && b === months.length - 1;
    state.from = whole ? null : months[a] + "-01";
    state.to = whole ? null : months[b] + "-31";
    $("date-range").textContent = months.length ? months[a] + " – " + months[b] : "";
    apply();
  }
  from.addEventListener("input", dates);
  to.addEventListener("input", dates);
  if (months.length) $("date-range").textContent = months[0] + " – " + months[months.length - 1];

  // What the filters leave: an edge with no passing claim is hidden, a visible edge is as wide
  // as its evidence, and an actor is hidden when none of its ties is visible (unless it is one
  // the query was about).
  var edgeData = {};
  data.edges.forEach(function (e) { edgeData[e.id] = e; });
  function passing(e) { return e.claims.filter(function (c) { return passes(c, e.kind); }); }
  function apply() {
    var shownEdges = 0, shownClaims = 0;
    cy.batch(function () {
      cy.edges().forEach(function (edge) {
        var n = passing(edgeData[edge.id()]).length;
        edge.toggleClass("hidden", n === 0);
        edge.data("width", 1 + Math.min(Math.log2(Math.max(n, 1)), 3) * 1.5);
        if (n > 0) { shownEdges += 1; shownClaims += n; }
      });
      cy.nodes().forEach(function (node) {
        var visible = node.connectedEdges().some(function (e) { return !e.hasClass("hidden"); });
        node.toggleClass("hidden", !visible && !nodeById[node.id()].highlight && node.connectedEdges().length > 0);
      });
    });
    $("counts").textContent = cy.nodes(":visible").length + " actors, " + shownEdges + " ties, " + shownClaims + " claims shown" +
      (data.left_out ? "; " + data.left_out + " less connected actors left out" : "");
    if (current) current();
  }

  // Panels: an actor's card, a tie's claims.
  var current = null;
  function card(id) {
    var n = nodeById[id], p = $("panel");
    p.replaceChildren(text("h2", n.name), text("p", n.kind_label + " · " + n.id, "meta"));
    if (n.aliases.length) p.appendChild(text("p", "Also: " + n.aliases.join(", ")));
    if (n.description) p.appendChild(text("p", n.description));
    if (n.part_of) p.appendChild(text("p", "Part of " + n.part_of));
    if (n.acts_for) p.appendChild(text("p", "Acts for " + n.acts_for));
    if (n.members && n.members.length) {
      p.appendChild(text("p", "Drawn with: " + n.members.map(function (m) { return m.name; }).join(", ")));
    }
    var ties = cy.getElementById(id).connectedEdges().filter(function (e) { return !e.hasClass("hidden"); });
    p.appendChild(text("p", ties.length + " ties shown; click one for its claims.", "meta"));
    var list = text("ul");
    ties.forEach(function (e) {
      var other = e.source().id() === id ? e.target() : e.source();
      var li = text("li", e.data("kind") + " with " + other.data("label") + " (" + passing(edgeData[e.id()]).length + ")");
      li.style.cursor = "pointer";
      li.addEventListener("click", function () { tie(e.id()); });
      list.appendChild(li);
    });
    p.appendChild(list);
    current = function () { card(id); };
  }
  function tie(id) {
    var e = edgeData[id], p = $("panel");
    var a = nodeById[e.source].name, b = nodeById[e.target].name;
    var claims = passing(e);
    p.replaceChildren(text("h2", a + " — " + b), text("p", e.kind + " · " + claims.length + " of " + e.claims.length + " claims pass the filters", "meta"));
    claims.forEach(function (c) {
      var d = text("div", undefined, "claim");
      d.appendChild(text("div", c.date + " · " + c.action + " · " + c.certainty + " · " + c.parties, "meta"));
      d.appendChild(text("blockquote", "“" + c.quote + "”", "quote"));
      var cite = text("div", "[" + c.cite + "] " + c.document_title + " (" + c.genre + ")", "cite");
      d.appendChild(cite);
      if (c.note) d.appendChild(text("div", "note: " + c.note, "meta"));
      p.appendChild(d);
    });
    current = function () { tie(id); };
  }
  cy.on("tap", "node", function (ev) { card(ev.target.id()); });
  cy.on("tap", "edge", function (ev) { tie(ev.target.id()); });

  // Search by name or alias; the matches list under the box, Enter or a click picks one.
  var search = $("search");
  search.addEventListener("input", function () {
    var q = fold(search.value.trim()), list = $("matches");
    list.replaceChildren();
    cy.nodes().removeClass("match");
    if (!q) return;
    // An actor matches by its own names, or by a person or component drawn as it (roll-up),
    // whom the match list then names.
    data.nodes.map(function (n) {
      var own = [n.name, n.id].concat(n.aliases).some(function (s) { return fold(s).indexOf(q) >= 0; });
      var via = (n.members || []).filter(function (m) {
        return [m.name].concat(m.aliases).some(function (s) { return fold(s).indexOf(q) >= 0; });
      })[0];
      return { n: n, match: own || !!via, via: own ? null : via };
    }).filter(function (m) { return m.match; }).slice(0, 20).forEach(function (m) {
      var n = m.n;
      cy.getElementById(n.id).addClass("match");
      var li = text("li", m.via ? n.name + " — " + m.via.name : n.name);
      li.dataset.id = n.id;
      li.addEventListener("click", function () { pick(n.id); });
      list.appendChild(li);
    });
  });
  search.addEventListener("keydown", function (ev) {
    var first = $("matches").firstChild;
    if (ev.key === "Enter" && first) pick(first.dataset.id);
  });
  function pick(id) {
    $("matches").replaceChildren();
    var node = cy.getElementById(id);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
    cy.elements().unselect(); node.select();
    card(id);
  }

  // The legend, with the diagram's colours and shapes.
  var legend = $("legend");
  data.actor_kinds.forEach(function (k) {
    var s = text("span"), sw = text("span", "", "swatch");
    sw.style.background = k.fill;
    s.appendChild(sw); s.appendChild(document.createTextNode(k.label + " (" + k.shape + ")"));
    legend.appendChild(s);
  });
  data.relation_kinds.forEach(function (r) {
    var s = text("span"), ln = text("span", "", "line");
    ln.style.borderTopColor = r.color; ln.style.borderTopStyle = r.style;
    s.appendChild(ln); s.appendChild(document.createTextNode(r.kind));
    legend.appendChild(s);
  });

  apply();
  // For tools and tests that drive the view: the graph, and the panels by id.
  window.dyadView = { cy: cy, card: card, tie: tie, apply: apply };
})();
