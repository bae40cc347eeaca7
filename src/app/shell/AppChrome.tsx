import { embedOptions } from '../config/embedded';
import { EmbedBar } from './EmbedBar';
import { MockBanner } from './MockBanner';
import { QueryTokenPrompt } from './QueryTokenPrompt';
import { TopBar } from './TopBar';

/**
 * What sits above every page: the top bar, or in embedded mode only a way out; the mock notice;
 * and the query-API token prompt once the API has asked for one.
 */
export function AppChrome() {
  return (
    <>
      {embedOptions().embedded ? <EmbedBar /> : <TopBar />}
      <MockBanner />
      <QueryTokenPrompt />
    </>
  );
}
