import { Component, type ReactNode } from 'react';
import { ProblemMessage } from './ProblemMessage';

/** A rendering failure shows a message with a way out instead of a blank tab. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) return <ProblemMessage error={this.state.error} onRetry={() => window.location.reload()} />;
    return this.props.children;
  }
}
