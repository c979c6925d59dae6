// The edition's page scripts. (Search, and landing on a search hit, live in search.js.)
