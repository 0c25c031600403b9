// The preview's chat page: plays the person in each chat and shows what the bot sends, as a
// Telegram private chat would. The bot's text is Telegram HTML: it is rebuilt from an
// allow-list of tags, never inserted as HTML.
"use strict";

const data = JSON.parse(document.getElementById("preview-data").textContent);
const words = data.words;
const languageNames = new Map(data.languages.map((l) => [l.code, l.name]));
const chatsElement = document.getElementById("chats");
const chats = new Map();
let commands = {};
let seq = 0;

const SIMPLE_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "blockquote"]);
const LINKS = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]])|(\+\d[\d ()-]{5,}\d)|((?<![\w/])\/[a-z0-9_]{1,32}(?![\w/]))/g;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Text as Telegram shows it: web addresses and international phone numbers become links. */
function appendText(parent, text, linked) {
  if (linked) return void parent.append(text);
  let last = 0;
  for (const match of text.matchAll(LINKS)) {
    parent.append(text.slice(last, match.index));
    const link = element("a", "", match[0]);
    if (match[3]) {
      link.href = "#";
      link.className = "command-link"; // as in Telegram, a tap sends the command
      link.dataset.command = match[3];
    } else if (match[1]) {
      link.href = match[1];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    } else link.href = `tel:+${match[2].replace(/\D/g, "")}`;
    parent.append(link);
    last = match.index + match[0].length;
  }
  parent.append(text.slice(last));
}

function rebuild(source, target, linked) {
  for (const node of source.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) appendText(target, node.textContent, linked);
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = node.tagName.toLowerCase();
    let made;
    if (SIMPLE_TAGS.has(tag)) made = element(tag);
    else if (tag === "tg-spoiler" || (tag === "span" && node.classList.contains("tg-spoiler"))) {
      made = element("span", "spoiler");
      made.addEventListener("click", () => made.classList.add("shown"));
    } else if (tag === "a") {
      const href = node.getAttribute("href") ?? "";
      if (/^(https?:|tel:)/i.test(href)) {
        made = element("a");
        made.href = href;
        if (!/^tel:/i.test(href)) {
          made.target = "_blank";
          made.rel = "noopener noreferrer";
        }
      } else made = element("span");
    } else made = element("span");
    rebuild(node, made, linked || tag === "a");
    target.append(made);
  }
}

function renderText(message) {
  const box = element("div", "text");
  if (message.html) rebuild(new DOMParser().parseFromString(`<body>${message.text}</body>`, "text/html").body, box, false);
  else appendText(box, message.text, false);
  return box;
}

async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function keyboard(chat, message) {
  const box = element("div", "keyboard");
  for (const row of message.keyboard ?? []) {
    const line = element("div", "row");
    for (const button of row) {
      if (button.url && /^https?:/i.test(button.url)) {
        const link = element("a", "button", button.text);
        link.href = button.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        line.append(link);
        continue;
      }
      const press = element("button", "button", button.text);
      press.type = "button";
      if (button.callback_data === undefined) press.disabled = true;
      else press.addEventListener("click", () => void post(`/preview/api/chats/${chat.id}/taps`, { message_id: message.message_id, data: button.callback_data }).catch(offline));
      line.append(press);
    }
    box.append(line);
  }
  return box;
}

function messageItem(chat, message, edited) {
  const item = element("li", `message ${message.from}`);
  item.dataset.id = String(message.message_id);
  const bubble = element("div", "bubble");
  if (message.forwarded) bubble.append(element("div", "forwarded", words.forwarded));
  bubble.append(renderText(message));
  const time = new Date(message.date * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  bubble.append(element("span", "meta", edited ? `${words.edited} ${time}` : time));
  item.append(bubble);
  if (message.keyboard) item.append(keyboard(chat, message));
  return item;
}

function showMessage(chat, message, edited) {
  const item = messageItem(chat, message, edited);
  const old = chat.list.querySelector(`li[data-id="${message.message_id}"]`);
  if (old) old.replaceWith(item);
  else chat.list.append(item);
  if (!old) chat.list.scrollTop = chat.list.scrollHeight;
}

function commandsFor(languageCode) {
  return commands[languageCode.slice(0, 2)] ?? commands[""] ?? [];
}

function chatPanel(summary) {
  const panel = element("section", "chat");
  panel.dataset.chat = String(summary.id);
  panel.setAttribute("aria-label", `${data.bot} · ${languageNames.get(summary.language_code) ?? summary.language_code}`);
  const head = element("header");
  head.append(element("div", "avatar", data.bot.slice(0, 1)));
  const title = element("div", "title");
  title.append(element("strong", "", data.bot));
  const about = [`${words.telegram_language}: ${languageNames.get(summary.language_code) ?? summary.language_code}`];
  if (summary.payload) about.push(`${words.start_payload}: ${summary.payload}`);
  title.append(element("small", "", about.join(" · ")));
  const close = element("button", "close", "×");
  close.type = "button";
  close.title = words.close;
  close.setAttribute("aria-label", words.close);
  head.append(title, close);

  const list = element("ol", "messages");
  const menu = element("ul", "menu");
  menu.hidden = true;
  menu.setAttribute("aria-label", words.commands);
  const notices = element("div", "notices");

  const form = element("form", "composer");
  const menuButton = element("button", "menu-button", "/");
  menuButton.type = "button";
  menuButton.title = words.commands;
  menuButton.setAttribute("aria-label", words.commands);
  const text = element("textarea");
  text.name = "text";
  text.rows = 1;
  text.placeholder = words.message;
  text.setAttribute("aria-label", words.message);
  const forward = element("label", "forward");
  const forwardBox = element("input");
  forwardBox.type = "checkbox";
  forward.append(forwardBox, ` ${words.forward}`);
  const send = element("button", "send", words.send);
  send.type = "submit";
  form.append(menuButton, text, send, forward);
  panel.append(head, list, notices, menu, form);

  const chat = { id: summary.id, panel, list, notices };
  const say = (message) => post(`/preview/api/chats/${chat.id}/messages`, message).catch(offline);
  list.addEventListener("click", (event) => {
    const command = event.target.closest("a.command-link");
    if (!command) return;
    event.preventDefault();
    void say({ text: command.dataset.command, forwarded: false });
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    void say({ text: value, forwarded: forwardBox.checked });
    text.value = "";
    forwardBox.checked = false;
    text.style.height = "";
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  text.addEventListener("input", () => {
    text.style.height = "";
    text.style.height = `${Math.min(text.scrollHeight, 160)}px`;
  });
  menuButton.addEventListener("click", () => {
    menu.replaceChildren();
    for (const command of commandsFor(summary.language_code)) {
      const entry = element("li");
      const choose = element("button", "", "");
      choose.type = "button";
      choose.append(element("span", "command", `/${command.command}`), element("span", "description", command.description));
      choose.addEventListener("click", () => {
        menu.hidden = true;
        void say({ text: `/${command.command}`, forwarded: false });
      });
      entry.append(choose);
      menu.append(entry);
    }
    menu.hidden = !menu.hidden;
  });
  close.addEventListener("click", () => void post(`/preview/api/chats/${chat.id}/close`, {}).catch(offline));

  chats.set(chat.id, chat);
  chatsElement.querySelector(".empty")?.remove();
  chatsElement.append(panel);
  for (const message of summary.messages) showMessage(chat, message, false);
  return chat;
}

function notice(chat, text, alert) {
  const note = element("div", "notice", text);
  note.setAttribute("role", alert ? "alert" : "status");
  chat.notices.append(note);
  setTimeout(() => note.remove(), alert ? 6000 : 3000);
}

function apply(event) {
  if (event.kind === "chat") {
    if (!chats.has(event.chat_id)) chatPanel(event.chat);
    return;
  }
  const chat = chats.get(event.chat_id);
  if (!chat) return;
  if (event.kind === "message") showMessage(chat, event.message, false);
  else if (event.kind === "edit") showMessage(chat, event.message, true);
  else if (event.kind === "delete") chat.list.querySelector(`li[data-id="${event.message_id}"]`)?.remove();
  else if (event.kind === "notice") notice(chat, event.text, event.alert);
  else if (event.kind === "closed") {
    chat.panel.remove();
    chats.delete(chat.id);
  }
}

function offline(problem) {
  document.body.classList.toggle("offline", Boolean(problem));
  document.body.dataset.offline = problem ? words.offline : "";
}

async function load() {
  const response = await fetch("/preview/api/state");
  const state = await response.json();
  commands = state.commands;
  seq = state.seq;
  for (const chat of [...chats.values()]) chat.panel.remove();
  chats.clear();
  for (const chat of state.chats) chatPanel(chat);
}

async function follow() {
  for (;;) {
    try {
      const response = await fetch(`/preview/api/events?after=${seq}`);
      const body = await response.json();
      offline(false);
      if (body.seq < seq) {
        await load(); // the preview was restarted
        continue;
      }
      seq = body.seq;
      for (const event of body.events) apply(event);
    } catch (problem) {
      offline(problem);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

document.getElementById("new-chat").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  void post("/preview/api/chats", { language_code: form.get("language_code"), payload: String(form.get("payload") ?? "").trim() }).catch(offline);
});

load().then(follow, offline);
