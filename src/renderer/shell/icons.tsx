/** Tool icons: 16 px line art that inherits the text colour. */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

export const PointIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M8 5.5v5M5.5 8h5" />
  </Icon>
);

export const BoxIcon = () => (
  <Icon>
    <rect x="2.5" y="3.5" width="11" height="9" strokeDasharray="2.2 1.6" />
  </Icon>
);

export const BrushIcon = () => (
  <Icon>
    <path d="M13.5 2.5 7 9" />
    <path d="M6.8 9.2c-1.6-.4-3.3.6-3.3 2.4 0 1-.6 1.6-1.5 1.9 2.6 1 5.8.3 5.8-2.2" />
  </Icon>
);

export const MaskIcon = () => (
  <Icon>
    <rect x="2" y="2.5" width="12" height="11" rx="1" />
    <path d="M5 13.5c0-3 1.4-5 3-5s3 2 3 5" />
    <circle cx="8" cy="6" r="1.6" />
  </Icon>
);

export const HandIcon = () => (
  <Icon>
    <path d="M5 8.5V4a1 1 0 0 1 2 0v3.5M7 7V3a1 1 0 0 1 2 0v4M9 7V3.8a1 1 0 0 1 2 0V8M11 8V5.5a1 1 0 0 1 2 0V10a4.5 4.5 0 0 1-4.5 4.5H8A4 4 0 0 1 4.4 12L3 9.3a1 1 0 0 1 1.7-1L5 9" />
  </Icon>
);

function TransportIcon({ children }: { children: ReactNode }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" fill="currentColor" aria-hidden="true">
      {children}
    </svg>
  );
}

export const FirstFrameIcon = () => (
  <TransportIcon>
    <path d="M2 2h1.5v8H2zM10 2v8L4 6z" />
  </TransportIcon>
);

export const PreviousFrameIcon = () => (
  <TransportIcon>
    <path d="M9 2v8L3 6z" />
  </TransportIcon>
);

export const PlayIcon = () => (
  <TransportIcon>
    <path d="M3 1.5v9L10.5 6z" />
  </TransportIcon>
);

export const PauseIcon = () => (
  <TransportIcon>
    <path d="M2.5 2h2.5v8H2.5zM7 2h2.5v8H7z" />
  </TransportIcon>
);

export const NextFrameIcon = () => (
  <TransportIcon>
    <path d="M3 2v8l6-4z" />
  </TransportIcon>
);

export const LastFrameIcon = () => (
  <TransportIcon>
    <path d="M8.5 2H10v8H8.5zM2 2v8l6-4z" />
  </TransportIcon>
);
