// tc3sign serve request inspector. Plain script, no library, nothing
// fetched from anywhere but serve itself. Every value from a request is put
// into the page as text (textContent), never as markup.
"use strict";

const api = "api/";
let last = 0;          // newest request id shown
let selected = 0;      // id of the request shown in the detail pane
let listen = "";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function postJSON(path, body) {
  const r = await fetch(api + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const doc = await r.json().catch(() => ({ error: "HTTP " + r.status }));
  if (!r.ok) throw new Error(doc.error || "HTTP " + r.status);
  return doc;
}

// ---- tabs ----
for (const b of document.querySelectorAll("nav .tab")) {
  b.addEventListener("click", () => showTab(b.dataset.tab));
}
function showTab(name) {
  for (const b of document.querySelectorAll("nav .tab")) b.classList.toggle("active", b.dataset.tab === name);
  for (const p of document.querySelectorAll("main .pane")) p.hidden = p.id !== "tab-" + name;
}

// ---- the live list ----
function verdictBadge(v) {
  if (v === "accepted") return el("span", { class: "badge ok", text: "accepted" });
  if (v === "unchecked") return el("span", { class: "badge warn", text: "unparsed" });
  return el("span", { class: "badge fail", text: v || "rejected" });
}

function row(s) {
  const tr = el("tr", { "data-id": s.id, "data-verdict": s.verdict, class: "new", onclick: () => openRequest(s.id) },
    el("td", { class: "num", text: s.id }),
    el("td", { class: "time", text: s.time.slice(11, 23) }),
    el("td", {}, s.action || "(none)", s.mistake ? el("span", { class: "mistake-tag", text: "mistake: " + s.mistake }) : null),
    el("td", { class: "sig", text: s.signature_method || "" }),
    el("td", {}, verdictBadge(s.verdict)),
    el("td", { class: "answer", text: s.answer || "" }));
  tr.addEventListener("animationend", () => tr.classList.remove("new"));
  return tr;
}

async function poll() {
  const live = document.getElementById("live");
  try {
    const r = await fetch(api + "requests?after=" + last, { cache: "no-store" });
    if (!r.ok) throw new Error("HTTP " + r.status);
    const doc = await r.json();
    live.textContent = "live";
    live.className = "live on";
    listen = doc.listen;
    document.getElementById("endpoint").textContent = "http://" + listen;
    const body = document.querySelector("#requests tbody");
    // Newest first: the feed is newest first, so insert in reverse.
    for (const s of doc.requests.slice().reverse()) {
      if (s.id <= last) continue;
      body.prepend(row(s));
      last = s.id;
    }
    // Drop the rows serve has forgotten.
    const oldest = doc.last - doc.keep;
    for (const tr of Array.from(body.rows)) if (Number(tr.dataset.id) <= oldest) tr.remove();
    document.getElementById("count").textContent = body.rows.length;
    document.getElementById("empty").hidden = body.rows.length > 0;
    const f = document.getElementById("forgotten");
    f.hidden = doc.forgotten === 0;
    f.textContent = doc.forgotten + " older requests forgotten (serve keeps the last " + doc.keep + ", --inspect-keep).";
  } catch (e) {
    live.textContent = "serve unreachable: " + e.message;
    live.className = "live off";
  }
  setTimeout(poll, 1000);
}

async function openRequest(id) {
  selected = id;
  for (const tr of document.querySelectorAll("#requests tbody tr")) tr.classList.toggle("selected", Number(tr.dataset.id) === id);
  const pane = document.getElementById("detail");
  try {
    const r = await fetch(api + "requests/" + id, { cache: "no-store" });
    const doc = await r.json();
    if (!r.ok) throw new Error(doc.error);
    if (selected === id) render(pane, doc, { compare: "requests/" + id + "/compare" });
  } catch (e) {
    pane.replaceChildren(el("p", { class: "error", text: e.message }));
  }
}

// ---- the view of one request (shared by the list and the raw form) ----
function render(pane, v, opts) {
  const rep = v.report;
  const parts = [];
  parts.push(el("h2", { text: (v.id ? "#" + v.id + " " : "") + v.method + " " + v.host + v.target + (v.action ? " · " + v.action : "") }));
  const kv = el("div", { class: "kv" });
  const addKV = (k, val) => { if (val !== undefined && val !== "") kv.append(el("span", { class: "k", text: k }), el("span", { text: val })); };
  addKV("time", v.time);
  addKV("signature", v.signature_method);
  addKV("body", v.body_bytes + " bytes");
  if (v.status) addKV("answer", "HTTP " + v.status + " · " + (v.answer || ""));
  parts.push(kv);

  if (v.error) {
    parts.push(el("div", { class: "verdict fail" }, el("b", { text: "Cannot be checked:" }), v.error));
  } else if (v.verdict === "accepted") {
    parts.push(el("div", { class: "verdict ok" }, el("b", { text: "Accepted:" }), "the gateway would accept this signature"));
  } else {
    parts.push(el("div", { class: "verdict fail" }, el("b", { text: "Rejected: " + v.verdict }), v.message || ""));
  }

  if (rep) {
    // The named mistake.
    if (rep.diagnosis && rep.diagnosis.length) {
      for (const m of rep.diagnosis) {
        const box = el("div", { class: "mistake" },
          el("div", {}, el("b", { text: m.mistakes.length === 2 ? "Two mistakes together reproduce your signature exactly:" : "This mistake reproduces your signature exactly:" })));
        for (const mk of m.mistakes) {
          box.append(el("div", {}, el("span", { class: "id", text: mk.id }), mk.name), el("div", { class: "fix", text: mk.fix }));
        }
        parts.push(box);
      }
      parts.push(el("p", { class: "hint", text: "(" + rep.variants_tried + " variants of the common mistakes tried)" }));
    } else if (rep.signature_matches === false) {
      parts.push(el("div", { class: "nomatch", text: "None of the " + rep.variants_tried + " variants of the common mistakes (alone or in pairs) reproduces your signature. Check the SecretKey, then paste your canonical request and string to sign below to find the first step that differs." }));
    }

    parts.push(el("h3", { text: "Checks" }));
    const t = el("table", { class: "findings" }, el("thead", {}, el("tr", {}, el("th", { text: "" }), el("th", { text: "check" }), el("th", { text: "reason and fix" }))));
    const tb = el("tbody");
    for (const f of v.findings) {
      const cls = { ok: "ok", fail: "fail", info: "info", warn: "warn" }[f.status] || "info";
      tb.append(el("tr", { class: "finding-" + f.status },
        el("td", {}, el("span", { class: "badge " + cls, text: f.status === "ok" ? "pass" : f.status })),
        el("td", { class: "check", text: f.check }),
        el("td", {}, f.code ? el("span", { class: "code", text: f.code + " " }) : null, f.reason,
          f.fix ? el("div", { class: "fixline", text: f.fix }) : null)));
    }
    t.append(tb);
    parts.push(t);

    if (rep.canonical_request) {
      parts.push(el("h3", { text: "Our canonical request" }), copyable(rep.canonical_request));
    }
    if (rep.string_to_sign) {
      parts.push(el("h3", { text: "Our string to sign" }), copyable(rep.string_to_sign));
    }
    if (rep.their_signature || rep.our_signature_prefix) {
      const sk = el("div", { class: "kv" });
      if (rep.their_signature) sk.append(el("span", { class: "k", text: "your signature" }), el("span", { text: rep.their_signature }));
      if (rep.our_signature_prefix) sk.append(el("span", { class: "k", text: "ours starts" }), el("span", { text: rep.our_signature_prefix }));
      parts.push(sk);
    }
    for (const c of rep.comparisons || []) parts.push(comparison(c));
    if (rep.first_difference) parts.push(el("p", { class: "first-diff" }, el("b", { text: "First step that differs: " }), rep.first_difference));
    if (opts.compare && v.comparable) parts.push(compareForm(pane, opts.compare));
  }

  parts.push(el("h3", { text: "Request" }));
  parts.push(el("pre", { class: "req", text: v.method + " " + v.target + "\n" + v.headers.map(h => h[0] + ": " + h[1]).join("\n") + "\n\n" + (v.body || "") }));
  if (v.response) parts.push(el("h3", { text: "Answer (HTTP " + v.status + ")" }), el("pre", { class: "resp", text: v.response }));
  pane.replaceChildren(...parts);
}

function copyable(text) {
  const pre = el("pre", { text: text });
  const b = el("button", { type: "button", class: "small", text: "copy", onclick: () => navigator.clipboard && navigator.clipboard.writeText(text) });
  return el("div", {}, pre, b);
}

// comparison renders one of verify's comparisons: the first difference,
// the line diff (-ours +yours) and the notes.
function comparison(c) {
  const box = el("div", { class: "comparison" }, el("h3", { text: "Your " + c.what + " vs ours" }));
  if (c.identical && !(c.notes || []).length) box.append(el("p", { class: "same", text: "identical" }));
  if (!c.identical) {
    box.append(el("p", {}, el("b", { text: "first difference: " }), c.first_difference || ""));
    const pre = el("pre", { class: "diff" });
    for (const line of (c.diff || "").replace(/\n$/, "").split("\n")) {
      const cls = line.startsWith("-") ? "del" : line.startsWith("+") ? "add" : "ctx";
      pre.append(el("span", { class: cls, text: line }));
    }
    box.append(el("div", { class: "hint", text: "- ours   + yours" }), pre);
  }
  for (const n of c.notes || []) box.append(el("p", { class: "note", text: "note: " + n }));
  return box;
}

function compareForm(pane, path) {
  const cr = el("textarea", { rows: 7, spellcheck: "false", class: "their-cr", placeholder: "the canonical request your code built (print it before hashing)" });
  const sts = el("textarea", { rows: 4, spellcheck: "false", class: "their-sts", placeholder: "the string to sign your code built" });
  const out = el("div");
  const form = el("form", { class: "form compare" },
    el("h3", { text: "Compare with yours" }),
    el("label", { text: "Your canonical request" }), cr,
    el("label", { text: "Your string to sign" }), sts,
    el("button", { type: "submit", text: "Compare" }), out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const v = await postJSON(path, { canonical_request: cr.value, string_to_sign: sts.value });
      out.replaceChildren(...(v.report.comparisons || []).map(comparison),
        v.report.first_difference ? el("p", { class: "first-diff" }, el("b", { text: "First step that differs: " }), v.report.first_difference) : "");
    } catch (e) {
      out.replaceChildren(el("p", { class: "error", text: e.message }));
    }
  });
  return form;
}

// ---- the raw-request form ----
const raw = document.getElementById("raw");
let fileText = null; // a dropped or chosen file, byte-exact (a textarea would turn CRLF into LF)

function takeFile(file) {
  if (!file) return;
  const r = new FileReader();
  r.onload = () => { fileText = String(r.result); raw.value = fileText; };
  r.readAsText(file);
}
raw.addEventListener("input", () => { fileText = null; });
raw.addEventListener("dragover", (ev) => { ev.preventDefault(); raw.classList.add("drop"); });
raw.addEventListener("dragleave", () => raw.classList.remove("drop"));
raw.addEventListener("drop", (ev) => { ev.preventDefault(); raw.classList.remove("drop"); takeFile(ev.dataTransfer.files[0]); });
document.getElementById("raw-file").addEventListener("change", (ev) => takeFile(ev.target.files[0]));

document.getElementById("check-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const out = document.getElementById("check-result");
  const now = document.querySelector("#check-form input[name=now]:checked").value;
  try {
    const v = await postJSON("check", {
      raw: fileText !== null ? fileText : raw.value,
      now: now,
      canonical_request: document.getElementById("check-cr").value,
      string_to_sign: document.getElementById("check-sts").value,
    });
    render(out, v, {});
  } catch (e) {
    out.replaceChildren(el("p", { class: "error", text: e.message }));
  }
});

// ---- the signing form ----
document.getElementById("sign-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const out = document.getElementById("sign-result");
  const flags = {};
  for (const f of ev.target.querySelectorAll("[name]")) if (f.value !== "") flags[f.name] = f.value;
  try {
    const d = await postJSON("sign", { flags: flags, payload: flags.method === "GET" ? "" : document.getElementById("sign-payload").value });
    const s = d.signed;
    const parts = [el("h2", { text: s.signature_method + " signature of " + s.method + " " + s.url })];
    const kv = el("div", { class: "kv" });
    const add = (k, v) => { if (v !== undefined && v !== "") kv.append(el("span", { class: "k", text: k }), el("span", { text: String(v) })); };
    add("SecretId", s.secret_id);
    add("SecretKey", s.secret_key_masked + " (masked)");
    add("Timestamp", s.timestamp);
    add("Service", s.service);
    add("HashedRequestPayload", s.hashed_payload);
    parts.push(kv);
    const step = (title, v) => { if (v) parts.push(el("h3", { text: title }), copyable(v)); };
    step("Step 1: canonical request", s.canonical_request);
    step("HashedCanonicalRequest", s.hashed_canonical_request);
    step("Credential scope", s.credential_scope);
    step("Step 2: string to sign", s.string_to_sign);
    if (s.canonical_request) {
      if (d.derived_keys_hidden) {
        parts.push(el("h3", { text: "Step 3: derived keys" }), el("p", { class: "hint", text: "hidden: each one signs any request of its day; start serve with --show-derived-keys to see SecretDate, SecretService and SecretSigning" }));
      } else {
        step("SecretDate = HMAC(\"TC3\"+SecretKey, date)", s.secret_date);
        step("SecretService = HMAC(SecretDate, service)", s.secret_service);
        step("SecretSigning = HMAC(SecretService, \"tc3_request\")", s.secret_signing);
      }
    }
    step("Signature", s.signature);
    step("Authorization", s.authorization);
    step("Headers to send", Object.entries(s.headers).map(([k, v]) => k + ": " + v).join("\n"));
    if (s.body) step("Body", s.body);
    if (s.query) step("Query", s.query);
    step("curl", d.curl);
    if (d.token_masked) parts.push(el("p", { class: "hint", text: "The token is masked above: put your own in before sending." }));
    for (const w of s.warnings || []) parts.push(el("p", { class: "error", text: "warning: " + w }));
    parts.push(el("button", { type: "button", class: "act", text: "Check this request", onclick: () => { raw.value = d.http; fileText = d.http; showTab("check"); } }));
    out.replaceChildren(...parts);
  } catch (e) {
    out.replaceChildren(el("p", { class: "error", text: e.message }));
  }
});

poll();
