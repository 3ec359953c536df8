"""The only place with SQL: the database, its migrations, the search index."""
