-- Topics across the collection: topics is a JSON array, so json_each unnests it.
.mode table
SELECT t.value AS topic, count(*) AS articles
FROM articles('examples/articles') a, json_each(a.topics) t
GROUP BY topic
ORDER BY articles DESC, topic;
