import { BoardPage } from './board/BoardPage';
import { CreatedPage } from './pages/CreatedPage';
import { CreatePage } from './pages/CreatePage';
import { FacilitatorLinkPage } from './pages/FacilitatorLinkPage';
import { HomePage } from './pages/HomePage';
import { FollowUpPage } from './incidents/FollowUpPage';
import { IncidentDetailPage } from './incidents/IncidentDetailPage';
import { IncidentsPage } from './incidents/IncidentsPage';
import { JoinPage } from './pages/JoinPage';
import { PreReadPage } from './pages/PreReadPage';
import { SignOffPage } from './pages/SignOffPage';
import { WriteUpPage } from './pages/WriteUpPage';
import { Link } from './common/Link';
import { useRoute } from './router';

export function App() {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'new':
      return <CreatePage />;
    case 'created':
      return <CreatedPage boardId={route.boardId} />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} />;
    case 'join':
      return <JoinPage boardId={route.boardId} />;
    case 'facilitator':
      return <FacilitatorLinkPage boardId={route.boardId} />;
    case 'preRead':
      return <PreReadPage boardId={route.boardId} />;
    case 'writeUp':
      return <WriteUpPage boardId={route.boardId} />;
    case 'signOff':
      return <SignOffPage boardId={route.boardId} />;
    case 'incidents':
      return <IncidentsPage />;
    case 'incident':
      return <IncidentDetailPage key={route.boardId} boardId={route.boardId} />;
    case 'followUp':
      return <FollowUpPage />;
    case 'notFound':
      return (
        <main className="page narrow">
          <h1>Page not found</h1>
          <p>
            <Link to="/">Back to the start</Link>
          </p>
        </main>
      );
  }
}
