/** The incident log lives behind endpoints that may not be deployed yet: say so kindly. */
export function NotYetAvailable({ what }: { what: string }) {
  return (
    <div className="empty-state" role="status">
      <h2>{what} is not available yet</h2>
      <p>This server does not keep the incident log yet. Post-mortems still work; their rows appear here once the log is switched on.</p>
    </div>
  );
}
