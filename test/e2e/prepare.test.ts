// Getting ready to leave: the recruiter check for a home country, and a safety plan to forward.
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { createTranslations } from "../../src/i18n/index.js";

const t = createTranslations();
const en = t.t("en");
const bg = t.t("bg");

describe("getting ready to leave", () => {
  const suite = useBot();

  it("a Bulgarian user learns where to check that an agency is licensed", async () => {
    const user = suite.telegram.user({ languageCode: "bg" });
    await user.fromMenu(bg("buttons.recruiter"));
    const prompt = await user.nextReply();
    expect(prompt.text).toBe(bg("recruiter.origin_prompt"));
    await user.tap(prompt, bg("countries.BG"));
    const answer = await user.nextReply();
    expect(answer.text).toContain(bg("countries.BG"));
    expect(answer.text).toContain(bg("rights.source_link"));
    expect(answer.text).toContain(bg("recruiter.look_for").split("\n")[0]!);
    expect(answer.text).toContain(bg("recruiter.employer").split("\n")[0]!);
  });

  it("says so when a home country has no confirmed list", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.recruiter"));
    await user.tap(await user.nextReply(), en("countries.MK"));
    expect((await user.nextReply()).text).toContain(en("recruiter.no_register", { country: en("countries.MK") }));
  });

  it("gives a safety plan with the numbers to save for the destination of the user's link", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/start c-fair_d-DE");
    await user.tap(await user.nextReply(), en("buttons.before_go"));
    const plan = await user.nextReply();
    expect(plan.text).toContain(en("before.items").split("\n")[0]!);
    expect(plan.text).toContain(en("before.numbers", { country: en("countries.DE") }));
    expect(plan.text).toContain("<b>112</b>");
    expect(plan.text).toContain(en("before.forward"));
  });

  it("links the recruiter check from an offer's result", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.forward("Work in Germany, warehouse, call 0000 on WhatsApp, registration fee 100 euro, leave tomorrow!");
    let message = await user.nextReply();
    while (message.buttons.some((b) => b.text === en("buttons.not_sure"))) {
      await user.tap(message, en("buttons.not_sure"));
      message = await user.nextReply();
    }
    expect(message.buttons.map((b) => b.text)).toContain(en("buttons.recruiter"));
  });
});
