// One short coaching tip for the viewer's role; dismissing it shows the next, until none are left.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { PairRole } from '../../api/types';
import { meetingStrings as s } from './strings';

const storageKey = (role: PairRole) => `rm.tips.dismissed.${role}`;

export function CoachingTip({ role }: { role: PairRole }) {
  const [dismissed, setDismissed] = useState<number>(() => Number(localStorage.getItem(storageKey(role)) ?? 0) || 0);
  const tips = s.tips[role];
  const tip = tips[dismissed];
  if (!tip) return null;
  const dismiss = () => {
    const next = dismissed + 1;
    localStorage.setItem(storageKey(role), String(next));
    setDismissed(next);
  };
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{s.tips.title}</MessageBarTitle>
        {tip}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button appearance="transparent" aria-label={s.tips.dismiss} icon={<Dismiss16Regular />} onClick={dismiss} />
        }
      />
    </MessageBar>
  );
}
