// One toaster for the dashboard's confirmations, loaded with the first action's chunk rather than up front.
import { Toaster } from '@fluentui/react-components';
import { PAIR_TOASTER } from './confirm';

export default function PairToaster() {
  return <Toaster toasterId={PAIR_TOASTER} position="bottom-end" pauseOnHover pauseOnWindowBlur />;
}
