export function SetupView() {
  return <h2>Setup</h2>;
}
