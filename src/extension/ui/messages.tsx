/** What just went wrong or right, read out by screen readers as it changes (one live region). */
export function Messages({ error, notice, errorId }: { error: string | null; notice: string | null; errorId: string }) {
  return (
    <div aria-live="polite">
      {error && (
        <p role="alert" class="error" id={errorId}>
          {error}
        </p>
      )}
      {notice && (
        <p role="status" class="notice">
          {notice}
        </p>
      )}
    </div>
  );
}
