// The data model's enumerations, for every reader of the API, the renderer included. They are defined in
// packages/db (its entities use them, and db imports nothing from the API); this is the client-safe door.
export * from '@picineiros/db/constants';
