/**
 * Types for the natural submodules the coverage analysis imports directly (importing the package
 * root pulls in the whole library, 34 MB with its dependencies).
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  const list: { words: string[] };
  export default list;
}
declare module 'natural/lib/natural/util/stopwords_fr.js' {
  const list: { words: string[] };
  export default list;
}
