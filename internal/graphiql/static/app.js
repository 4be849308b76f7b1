// Boots GraphiQL. The page passes its settings in the JSON element #config:
// {"endpoint": "/graphql", "tabs": [{"query": "...", "variables": "..."}]}.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  if (typeof GraphiQL === 'undefined' || typeof React === 'undefined' || typeof ReactDOM === 'undefined') {
    root.textContent = 'GraphiQL could not be loaded.';
    return;
  }
  var config = JSON.parse(document.getElementById('config').textContent);
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: config.endpoint }),
      defaultTabs: config.tabs,
      isHeadersEditorEnabled: true
    })
  );
})();
