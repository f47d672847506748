interface ErrorBannerProps {
  errors: string[];
  onDismiss: () => void;
}

export function ErrorBanner({ errors, onDismiss }: ErrorBannerProps) {
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <ul>
        {errors.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
      <button type="button" className="ghost" onClick={onDismiss} aria-label="Dismiss errors">
        ✕
      </button>
    </div>
  );
}
