import { AppHeader } from '../common/AppHeader';
import { Link } from '../common/Link';

export function HomePage() {
  return (
    <>
      <AppHeader />
      <main className="page narrow home">
        <h1>Blameless post-mortems, run live.</h1>
        <p className="lead">
          One facilitator, fixed phases, a shared timer. Build the timeline, ask why until you reach something the system can change, and leave with two or three
          owned, dated actions.
        </p>
        <p>
          <Link to="/new" className="button primary big">
            Start a post-mortem
          </Link>
        </p>
        <ul className="home-links">
          <li>
            <Link to="/incidents">Incident log</Link> — every post-mortem, its root cause and how its actions are going.
          </li>
          <li>
            <Link to="/actions">Action follow-up</Link> — update action status after the meeting.
          </li>
        </ul>
      </main>
    </>
  );
}
