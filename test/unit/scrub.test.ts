// Conversation state is stored without what identifies the person, and read back whole.
import { describe, expect, it } from "vitest";
import { restore, scrub } from "../../src/session/scrub.js";

const CHAT = 7_305_123_456;
const state = {
  version: [0, 0],
  state: {
    "offer-text": [
      {
        args: '["en"]',
        replay: {
          receive: [
            {
              send: 0,
              returnValue: {
                update_id: 27,
                message: {
                  message_id: 18,
                  date: 1_795_879_909,
                  from: { id: CHAT, is_bot: false, first_name: "Olena", last_name: "K", username: "olena_k", language_code: "uk" },
                  chat: { id: CHAT, first_name: "Olena", username: "olena_k", type: "private" },
                  text: "1200 euro a month",
                  forward_origin: { type: "user", date: 5, sender_user: { id: 99, first_name: "Recruiter", username: "jobs_eu" } },
                  contact: { phone_number: "+40 700 000 000", first_name: "Olena", user_id: CHAT },
                },
              },
            },
            { send: 1, returnValue: { ok: true, res: { ok: true, result: { message_id: 19, chat: { id: CHAT, first_name: "Olena", username: "olena_k", type: "private" }, text: "Which country?" } } } },
            {
              send: 2,
              returnValue: {
                update_id: 28,
                callback_query: {
                  id: "4455",
                  from: { id: CHAT, is_bot: false, first_name: "Olena", language_code: "uk" },
                  chat_instance: "-9988",
                  data: "dst:DE",
                  // Telegram sends the whole message the button was under.
                  message: {
                    message_id: 19,
                    date: 1_795_879_910,
                    chat: { id: CHAT, first_name: "Olena", type: "private" },
                    text: "Which country is the job in?",
                    reply_markup: { inline_keyboard: [[{ text: "Germany", callback_data: "dst:DE" }]] },
                  },
                },
              },
            },
          ],
        },
      },
    ],
  },
};

describe("conversation state at rest", () => {
  const stored = JSON.stringify(scrub(state, CHAT));

  it("holds no chat id, name, username or phone number", () => {
    for (const secret of [String(CHAT), "Olena", "olena_k", "+40 700 000 000", "Recruiter", "jobs_eu", '"K"']) expect(stored).not.toContain(secret);
  });

  it("keeps of the Bot API's answers, and of the message under a tapped button, only the ids of the messages sent", () => {
    expect(stored).not.toContain("Which country?");
    expect(stored).toContain('"result":{"message_id":19,');
    expect(stored).not.toContain("Which country is the job in?");
    expect(stored).not.toContain("inline_keyboard");
    expect(stored).toContain('"data":"dst:DE","message":{"message_id":19,');
  });

  it("keeps what the conversation needs to replay: texts, ids of messages, the kind of chat", () => {
    expect(stored).toContain("1200 euro a month");
    expect(stored).toContain('"message_id":19');
    expect(stored).toContain('"type":"private"');
    expect(stored).toContain('"language_code":"uk"');
    expect(stored).toContain('"forward_origin":{"type":"user","date":5}');
  });

  it("gets the chat id back from the live chat when read", () => {
    const back = restore(JSON.parse(stored) as typeof state, CHAT);
    const receive = back.state["offer-text"][0]!.replay.receive;
    expect(receive[0]!.returnValue.message!.chat).toEqual({ id: CHAT, type: "private" });
    expect(receive[0]!.returnValue.message!.from.id).toBe(CHAT);
    expect((receive[1]!.returnValue as { res: { result: { chat: { id: number } } } }).res.result.chat.id).toBe(CHAT);
    // A replayed tap still knows its chat (grammY's ctx.chat comes from the message) and message.
    expect((receive[2]!.returnValue as { callback_query: { message: unknown } }).callback_query.message).toEqual({ message_id: 19, chat: { id: CHAT, type: "private" }, date: 1_795_879_910 });
  });
});
