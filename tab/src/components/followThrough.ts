// The dashboard's follow-through, loaded as one chunk after the first paint: the ledger, the toaster that
// confirms actions, the goal and commitment forms, and the language menu. One chunk rather than one per component: each extra
// entry point splits the modules they share with the first scripts into more files (`npm run sizes`).
export { default as LedgerView } from './Ledger/LedgerView';
export { default as PairToaster } from './Toasts/PairToaster';
export { default as CommitmentClose, CommitmentAdd } from './Commitments/CommitmentForms';
export { default as GoalForm } from './GoalForm';
export { default as LanguagePanel } from './LanguagePanel';
