// The site's sections in the order the navigation shows them: the overview and the monthly status
// first, then release work (releases, forecasts, dependencies), environments and quality, IT service
// (changes, delivery), the portfolio's people and learning (staffing, conflicts, lessons), the data
// behind it all, and search.
export const SITE_NAV = [
  { path: '', label: 'Overview' },
  { path: 'monthly/', label: 'Monthly' },
  { path: 'releases/', label: 'Releases' },
  { path: 'forecasts/', label: 'Forecasts' },
  { path: 'dependencies/', label: 'Dependencies' },
  { path: 'environments/', label: 'Environments' },
  { path: 'quality/', label: 'Quality' },
  { path: 'changes/', label: 'Changes' },
  { path: 'delivery/', label: 'Delivery' },
  { path: 'staffing/', label: 'Staffing' },
  { path: 'conflicts/', label: 'Conflicts' },
  { path: 'lessons/', label: 'Lessons' },
  { path: 'data/', label: 'Data' },
  { path: 'search/', label: 'Search' },
];
