/**
 * The FreeSWITCH modules the emulated switch can have loaded: what `module_exists`, `load` and `unload` answer
 * about, and which commands exist (`callcenter_config` needs mod_callcenter).
 */

/** Modules of the FreeSWITCH build Switchboard is tested on (/opt/freeswitch/mod). `load` accepts only these. */
export const KNOWN_MODULES: ReadonlySet<string> = new Set([
  'mod_console',
  'mod_logfile',
  'mod_commands',
  'mod_dptools',
  'mod_callcenter',
  'mod_fifo',
  'mod_db',
  'mod_hash',
  'mod_expr',
  'mod_esf',
  'mod_dialplan_xml',
  'mod_sofia',
  'mod_loopback',
  'mod_event_socket',
  'mod_sndfile',
  'mod_native_file',
  'mod_tone_stream',
  'mod_local_stream',
  'mod_flite',
  'mod_voicemail',
  'mod_say_en',
]);

/** Loaded by default: a switch with everything a Switchboard flow can ask for. */
export const DEFAULT_MODULES: readonly string[] = [...KNOWN_MODULES];

/**
 * Applications that exist only while their module is loaded. Running one without it is FreeSWITCH's "Invalid
 * Application": the channel is hung up with DESTINATION_OUT_OF_ORDER (see `SimulatedCall.execute`).
 */
export const APPLICATION_MODULES: Readonly<Record<string, string>> = {
  voicemail: 'mod_voicemail',
  callcenter: 'mod_callcenter',
  fifo: 'mod_fifo',
};
