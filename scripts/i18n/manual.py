import json,sys
fix = {
 'en': {
  'common': {'dashboard.youAre': '{role, select, mentor {You are the mentor} other {You are the executive}}',
             'takeaways.findingsCount': '{n, plural, one {# sensitive part} other {# sensitive parts}}'},
  'personal': {'ledger.goalHeading': '{goal} · {owner, select, self {your goal} other {{partner}’s goal}}'},
  'meeting': {'agenda.elapsed': '{spent} of {planned} min'},
  'config': {'pairOption': '{role, select, mentor {With {partner} (you mentor)} other {With {partner} (your mentor)}}'},
  'admin': {
   'retention.rule': 'Content of an ended pair is deleted {days} days after the later of the programme’s end and the pair’s end (never under {floor} days, and never sooner than {firstNotice} days after a change). Both members are told {notices} days before, with a link to export. Pairs that have not ended keep everything. Pairs and anonymised programme learnings stay.',
   'retention.notEnded': '{n, plural, one {# pair has} other {# pairs have}} not ended: nothing of theirs is deleted.',
   'audit.count': '{n, plural, one {# person} other {# people}}',
   'participants.import': 'Import {n, plural, one {# person} other {# people}}',
   'participants.previewErrors': '{n, plural, one {# problem} other {# problems}} found. Nothing is imported until every row is fixed.',
   'participants.previewOk': '{n, plural, one {# row is} other {# rows are}} ready to import.',
   'participants.imported': '{n, plural, one {# participant} other {# participants}} imported.',
   'matching.told': '{n, plural, one {# person was} other {# people were}} told why.',
   'bulk.exported': '{n, plural, one {# participant} other {# participants}} exported.',
   'bulk.done': '{action}: {n, plural, one {# pair} other {# pairs}}{skipped, plural, =0 {} other {; # skipped (already so, or ended)}}.',
   'bulk.endSelected': 'End {n, plural, one {# pair} other {# pairs}}?',
   'pairs.goalProgress': '{average} % average progress of {goals, plural, one {# goal} other {# goals}}',
   'insights.feedbackValue': '{avg} of 5 on average, {n, plural, one {# answer} other {# answers}}',
   'rollout.withoutApp': '{n, plural, =0 {Teams has confirmed the app for every participant.} one {Not yet confirmed by Teams: # participant.} other {Not yet confirmed by Teams: # participants.}}',
  }},
 'de': {
  'common': {'dashboard.youAre': '{role, select, mentor {Sie sind Mentor/in} other {Sie sind die Führungskraft}}',
             'takeaways.findingsCount': '{n, plural, one {# vertrauliche Stelle} other {# vertrauliche Stellen}}'},
  'personal': {'ledger.goalHeading': '{goal} · {owner, select, self {Ihr Ziel} other {Ziel von {partner}}}'},
  'meeting': {'agenda.elapsed': '{spent} von {planned} Min.'},
  'config': {'pairOption': '{role, select, mentor {Mit {partner} (Sie sind Mentor/in)} other {Mit {partner} (Ihr/e Mentor/in)}}'},
  'admin': {
   'retention.rule': 'Inhalte eines beendeten Tandems werden {days} Tage nach dem späteren von Programmende und Tandemende gelöscht (nie unter {floor} Tagen und nie früher als {firstNotice} Tage nach einer Änderung). Beide Mitglieder werden {notices} Tage vorher informiert, mit einem Link zum Export. Nicht beendete Tandems behalten alles. Tandems und anonymisierte Programmerkenntnisse bleiben.',
   'retention.notEnded': '{n, plural, one {# Tandem ist} other {# Tandems sind}} nicht beendet: von ihnen wird nichts gelöscht.',
   'audit.count': '{n, plural, one {# Person} other {# Personen}}',
   'participants.import': '{n, plural, one {# Person} other {# Personen}} importieren',
   'participants.previewErrors': '{n, plural, one {# Problem} other {# Probleme}} gefunden. Importiert wird erst, wenn jede Zeile stimmt.',
   'participants.previewOk': '{n, plural, one {# Zeile ist} other {# Zeilen sind}} bereit zum Import.',
   'participants.imported': '{n, plural, one {# Person} other {# Personen}} importiert.',
   'matching.told': '{n, plural, one {# Person wurde} other {# Personen wurden}} informiert.',
   'bulk.exported': '{n, plural, one {# Person} other {# Personen}} exportiert.',
   'bulk.done': '{action}: {n, plural, one {# Tandem} other {# Tandems}}{skipped, plural, =0 {} other {; # übersprungen (schon so oder beendet)}}.',
   'bulk.endSelected': '{n, plural, one {# Tandem} other {# Tandems}} beenden?',
   'pairs.goalProgress': '{average} % durchschnittlicher Fortschritt bei {goals, plural, one {# Ziel} other {# Zielen}}',
   'insights.feedbackValue': 'Durchschnittlich {avg} von 5, {n, plural, one {# Antwort} other {# Antworten}}',
   'rollout.withoutApp': '{n, plural, =0 {Teams hat die App für alle Teilnehmenden bestätigt.} one {Von Teams noch nicht bestätigt: # Person.} other {Von Teams noch nicht bestätigt: # Personen.}}',
  }}}
for lang, nss in fix.items():
  for ns, entries in nss.items():
    p=f'tab/src/i18n/messages/{lang}/{ns}.json'
    d=json.load(open(p))
    for path, v in entries.items():
      keys=path.split('.')
      o=d
      for k in keys[:-1]: o=o[k]
      assert keys[-1] in o, (lang, ns, path)
      o[keys[-1]]=v
    # ownerYou is no longer used
    if ns=='personal': d['ledger'].pop('ownerYou', None)
    json.dump(d, open(p,'w'), ensure_ascii=False, indent=2); open(p,'a').write('\n')
