interface ProgressBarProps {
  percent: number;
  label: string;
  testId: string;
}

export function ProgressBar({ percent, label, testId }: ProgressBarProps) {
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid={testId}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
