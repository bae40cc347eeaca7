/** Tests only: a stand-in search page that shows where a drill-down landed. */
import { useLocation } from 'react-router';

export function SearchStandIn() {
  const location = useLocation();
  return <p data-testid="search-location">{location.pathname + location.search}</p>;
}
