// A minimal offline explorer: government intranets have no CDN, so no external script is loaded.
const $ = (id) => document.getElementById(id);
$('token').value = localStorage.getItem('hub-token') || '';
$('run').addEventListener('click', async () => {
  localStorage.setItem('hub-token', $('token').value.trim());
  let variables;
  try {
    variables = JSON.parse($('variables').value || '{}');
  } catch {
    $('result').textContent = 'variables: not valid JSON';
    return;
  }
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${$('token').value.trim()}` },
    body: JSON.stringify({ query: $('query').value, variables }),
  });
  $('result').textContent = JSON.stringify(await res.json(), null, 2);
});
