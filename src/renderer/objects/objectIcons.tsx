/** Object-row toggles: 14 px line art that inherits the text colour. */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

export const EyeIcon = ({ off }: { off: boolean }) => (
  <Icon>
    <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8z" />
    <circle cx="8" cy="8" r="2" />
    {off && <path d="M2.5 13.5 13.5 2.5" />}
  </Icon>
);

export const LockIcon = ({ open }: { open: boolean }) => (
  <Icon>
    <rect x="3.5" y="7.5" width="9" height="6.5" rx="1" />
    <path d={open ? 'M5.5 7.5V5a2.5 2.5 0 0 1 4.9-.7' : 'M5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5'} />
  </Icon>
);

export const SoloIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.5" />
    <circle cx="8" cy="8" r="2" fill="currentColor" />
  </Icon>
);
