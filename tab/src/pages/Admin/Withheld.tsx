// A figure under the 5-pair rule: its content when shown, else "Withheld" with why.
import { Caption1, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Figure } from './adminTypes';
import { strings } from './strings';

export function FigureView<T>({
  figure,
  minimum,
  reason,
  children,
}: {
  figure: Figure<T>;
  minimum: number;
  reason?: string;
  children: (value: T, pairs: number) => ReactNode;
}) {
  if (figure.shown) return <>{children(figure.value, figure.pairs)}</>;
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{strings.withheld.title}</MessageBarTitle>
        {reason ?? strings.withheld.reason(minimum)}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Basis({ pairs }: { pairs: number }) {
  return <Caption1>{strings.insights.basis(pairs)}</Caption1>;
}
