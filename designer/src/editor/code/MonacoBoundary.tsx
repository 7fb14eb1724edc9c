import { Component, type ReactNode } from 'react';

interface MonacoBoundaryProps {
  /** Shown when Monaco cannot be loaded (old browser, blocked worker, test environment). */
  fallback: ReactNode;
  children: ReactNode;
}

/** Falls back to a plain text editor when Monaco fails to load: editing must never depend on it. */
export class MonacoBoundary extends Component<MonacoBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
