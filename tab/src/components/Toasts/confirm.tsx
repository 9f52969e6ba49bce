// The confirmation after an action: a polite success toast in the dashboard's toaster (PairToaster).
// Imported by lazily loaded chunks only, so the toast code stays out of the dashboard's first scripts.
import { Toast, ToastBody, ToastTitle, useToastController } from '@fluentui/react-components';

export const PAIR_TOASTER = 'pair-dashboard';

export function useConfirm(): (title: string, body?: string) => void {
  const { dispatchToast } = useToastController(PAIR_TOASTER);
  return (title, body) =>
    dispatchToast(
      <Toast>
        <ToastTitle>{title}</ToastTitle>
        {body && <ToastBody>{body}</ToastBody>}
      </Toast>,
      { intent: 'success', politeness: 'polite' },
    );
}
