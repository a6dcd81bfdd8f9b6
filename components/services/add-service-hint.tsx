/** How to register a service until the UI form lands; shown in empty states. */
export function AddServiceHint() {
  return (
    <>
      <p>Register a service with the API (writes need <code>STEADYSTATE_API_TOKEN</code>, see README “Configuration”):</p>
      <pre>{`curl -X POST http://localhost:3000/api/services \\
  -H "authorization: Bearer $STEADYSTATE_API_TOKEN" \\
  -H "content-type: application/json" \\
  -d '{"slug":"checkout","name":"Checkout","team":"payments"}'`}</pre>
    </>
  );
}
