// What the UI bundle gives Ink for react-devtools-core, which Ink imports only when DEV=true: nothing.
export default {};
