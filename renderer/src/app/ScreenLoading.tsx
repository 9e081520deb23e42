/** What stands where a screen is while its chunk loads: nothing to read, only busy to assistive technology. */
export function ScreenLoading() {
  return <div className="screen-loading" aria-busy="true" />;
}
