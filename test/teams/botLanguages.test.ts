// The bot answers in the language of the person it writes to, over real HTTP: a Japanese executive and an
// Arabic-speaking mentor in one pair. Replies follow the locale Teams sends with the activity; proactive
// reminders follow the locale stored with the recipient's conversation when they installed or last wrote.
import { reminderSettingsId, createReminderSettings } from '../../bot/src/store/reminders';
import { findConversationReference } from '../../bot/src/store/conversations';
import { runDueReminders } from '../../bot/src/jobs/reminderRun';
import { agendaItemAdder } from '../../bot/src/commands/agendaEditor';
import { buildPair, type BuiltPair } from '../support/factories';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fakeBotConnector';
import { buildTestApp, type TestApp } from '../support/testApp';
import {
  actionsOf,
  askBot,
  cardsIn,
  expectWellFormed,
  installFrom,
  invokeFrom,
  post,
  textsOf,
  type Card,
  type TeamsUser,
} from './teamsClient';

let connector: FakeBotConnector;
let t: TestApp;
let built: BuiltPair;
let japanese: TeamsUser;
let arabic: TeamsUser;
const welcomes = new Map<string, Card>();

beforeAll(async () => {
  connector = await startFakeBotConnector();
  t = await buildTestApp();
  built = await buildPair(t.services.store);
  await agendaItemAdder(t.services.store, built.session, { title: 'Copilot in Excel', minutes: 15 });
  japanese = { userId: built.mentee.userId, serviceUrl: connector.url, localTimezone: 'Asia/Tokyo', locale: 'ja-JP' };
  arabic = { userId: built.mentor.userId, serviceUrl: connector.url, localTimezone: 'Asia/Riyadh', locale: 'ar-SA' };
  for (const member of [built.mentor, built.mentee]) {
    // No quiet hours: what is due must not depend on the hour the suite runs at.
    const stamp = new Date().toISOString();
    await createReminderSettings(t.services.store, {
      id: reminderSettingsId(member.tenantId),
      type: 'reminderSettings',
      tenantId: member.tenantId,
      userId: member.userId,
      quietHours: null,
      disabledKinds: [],
      createdAt: stamp,
      updatedAt: stamp,
    });
  }
  for (const user of [japanese, arabic]) {
    connector.sent.length = 0;
    await post(t.app, installFrom(user));
    welcomes.set(user.userId, cardsIn(connector.sent)[0]!);
  }
});
afterAll(async () => {
  await t.stop();
  await connector.stop();
});

const ask = (from: TeamsUser, text: string) => askBot(t.app, connector, from, text);

test('the welcome on install is in the installer’s language, right to left for Arabic', () => {
  const jaWelcome = welcomes.get(japanese.userId)!;
  expect(textsOf(jaWelcome)[0]).toBe('Reverse Mentoring へようこそ');
  expect(jaWelcome.rtl).toBeUndefined();
  const arWelcome = welcomes.get(arabic.userId)!;
  expect(textsOf(arWelcome)[0]).toBe('مرحبًا بك في Reverse Mentoring');
  expect(arWelcome).toMatchObject({ rtl: true, speak: 'مرحبًا بك في Reverse Mentoring' });
  // The commands stay the words the bot understands; what they do is said in Arabic.
  const facts = arWelcome.body.find((e) => e.type === 'FactSet') as { facts: { title: string; value: string }[] };
  expect(facts.facts[0]).toEqual({ title: 'help', value: 'ما يمكنني فعله لك ولشريكك' });
});

test('the install stored each person’s locale with their conversation, for later proactive messages', async () => {
  expect(
    (await findConversationReference(t.services.store, built.mentee.tenantId, built.mentee.userId))?.reference.locale,
  ).toBe('ja-JP');
  expect(
    (await findConversationReference(t.services.store, built.mentor.tenantId, built.mentor.userId))?.reference.locale,
  ).toBe('ar-SA');
});

test('a Japanese executive gets Japanese answers with Japanese dates', async () => {
  const help = await ask(japanese, 'help');
  expect(textsOf(help)).toContain(
    'あなたとパートナーがセッションを準備し、実施し、振り返るお手伝いをします。入力できるコマンド:',
  );
  expect(actionsOf(help).map((a) => a.title)).toEqual(['アジェンダ', '目標', '次回のセッション']);
  const next = await ask(japanese, 'next');
  expect(textsOf(next)[0]).toBe(`${built.mentor.name} さんとの次回のセッション`);
  // Intl's Japanese full date in Tokyo time, e.g. "2026年12月4日金曜日 10:23 (Asia/Tokyo)".
  expect(textsOf(next)[1]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日[日月火水木金土]曜日 \d{1,2}:\d{2} \(Asia\/Tokyo\)$/);
  expect(textsOf(next)[2]).toBe('45分 · アジェンダ 1件');
  const unknown = await ask(japanese, 'おはよう');
  expect(textsOf(unknown)).toContain('申し訳ありません。「おはよう」を理解できませんでした。');
});

test('settings in Japanese: the card, and a refusal that names the field in Japanese', async () => {
  const card = await ask(japanese, 'settings');
  expect(textsOf(card)[0]).toBe('リマインダーの設定');
  expect(actionsOf(card).map((a) => a.title)).toEqual(['設定を保存', '1 日停止', 'リマインダーを再開']);
  const bad = await post(
    t.app,
    invokeFrom(japanese, 'settings.save', { timeZone: 'Mars/Olympus', quietEnabled: 'false' }),
  );
  expect(bad.body).toMatchObject({
    statusCode: 400,
    value: { message: 'タイム ゾーンを確認してください: Asia/Tokyo のような IANA タイム ゾーンを指定してください。' },
  });
});

test('an Arabic-speaking mentor gets Arabic cards laid out right to left, also after ticking an item', async () => {
  const agenda = await ask(arabic, 'agenda');
  expectWellFormed(agenda);
  expect(agenda.rtl).toBe(true);
  expect(textsOf(agenda)[0]).toBe(`جدول الأعمال: الجلسة التالية مع ${built.mentee.name}`);
  // Numbers as ar-SA writes them, like its dates: Arabic-Indic digits throughout the card.
  expect(textsOf(agenda)[1]).toMatch(/^[^0-9]+ \(Asia\/Riyadh\)، ٤٥ دقيقة$/);
  expect(textsOf(agenda)).toContain('قيد التنفيذ: Copilot in Excel (١٥ د)');
  expect(agenda.speak).toMatch(/^جدول الأعمال: الجلسة التالية مع .+: اكتمل ٠ من بند واحد$/);
  const tick = actionsOf(agenda).find((a) => a.type === 'Action.Execute')!;
  expect(tick).toMatchObject({ title: 'وضع علامة مكتمل', tooltip: 'وضع علامة مكتمل: Copilot in Excel' });
  const res = await post(t.app, invokeFrom(arabic, tick.verb as string, tick.data));
  expect(res.body.statusCode).toBe(200);
  const refreshed = res.body.value as Card;
  expect(refreshed.rtl).toBe(true);
  expect(textsOf(refreshed)).toContain('مكتمل: Copilot in Excel (١٥ د)');
  // A refusal is said in Arabic too.
  const stale = await post(t.app, invokeFrom(arabic, tick.verb as string, { pairId: built.pair.id }));
  expect(stale.body).toMatchObject({
    statusCode: 400,
    value: { message: 'هذه البطاقة قديمة. اكتب agenda للحصول على بطاقة جديدة.' },
  });
});

test('an English reader still reads English, with no rtl', async () => {
  // Someone else: a message from one of the pair would make en-US their stored locale.
  const card = await ask({ userId: 'someone-else', serviceUrl: connector.url, locale: 'en-US' }, 'help');
  expect(textsOf(card)).toContain(
    'I help you and your partner prepare, run and follow up your sessions. You can type:',
  );
  expect(card.rtl).toBeUndefined();
});

test('a locale that is no language tag is answered in English and not stored', async () => {
  const odd = { userId: 'someone-odd', serviceUrl: connector.url, locale: '<img src=x>' };
  const card = await ask(odd, 'help');
  expect(textsOf(card)).toContain(
    'I help you and your partner prepare, run and follow up your sessions. You can type:',
  );
  const stored = await findConversationReference(t.services.store, built.mentee.tenantId, 'someone-odd');
  expect(stored).toBeDefined();
  expect(stored!.reference.locale).toBeUndefined();
});

test('proactive reminders go out in each recipient’s stored language', async () => {
  connector.sent.length = 0;
  // Both members last wrote in their own language; the prepare reminders of tomorrow's session are due now.
  const totals = await runDueReminders(t.services.store, t.services.timedWork!.delivery, {
    attemptsPerRun: 2,
    maxBackoffMs: 20,
  });
  expect(totals.sent).toBeGreaterThanOrEqual(2);
  const byConversation = new Map(
    connector.sent.map((s) => [String((s.activity.conversation as { id: string }).id), s.activity]),
  );
  const cardTo = (user: TeamsUser) => {
    const activity = [...byConversation].find(([id]) => id.includes(user.userId))![1];
    return (activity.attachments as { content: Card }[])[0]!.content;
  };
  const ja = cardTo(japanese);
  expect(textsOf(ja)[0]).toBe(`アジェンダ: ${built.mentor.name} さんとの次回のセッション`);
  expect(textsOf(ja)).toContain(
    `${built.mentor.name} さんとのセッションが近づいています。準備のためのアジェンダはこちらです。`,
  );
  expect(ja.rtl).toBeUndefined();
  const ar = cardTo(arabic);
  expect(ar.rtl).toBe(true);
  expect(textsOf(ar)).toContain(`جلستك مع ${built.mentee.name} تقترب: إليك جدول أعمالها للتحضير.`);
  // The notification line (summary) is the recipient's language as well.
  const summary = [...byConversation].find(([id]) => id.includes(arabic.userId))![1].summary;
  expect(summary).toMatch(/^جدول الأعمال: /);
});
