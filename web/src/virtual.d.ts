// Modules that scripts/build-web.ts provides at build time.
declare module 'virtual:enum-labels' {
  /** enum type → value → its Chinese name, from the supergraph's descriptions */
  const labels: Record<string, Record<string, string>>;
  export default labels;
}
