// Fixed name pools for Acme's people: varied origins, a few accents, hyphens and apostrophes on purpose.

export const FIRST_NAMES = [
  'Aaliyah', 'Aarav', 'Abigail', 'Adebayo', 'Aditi', 'Ahmed', 'Aiko', 'Alejandro', 'Amara', 'Amelia', 'Ana', 'Andrés',
  'Anika', 'Anthony', 'Arjun', 'Ava', 'Ayesha', 'Benjamin', 'Bianca', 'Bilal', 'Brandon', 'Camila', 'Carlos', 'Caroline',
  'Chen', 'Chidi', 'Chloe', 'Christopher', 'Clara', 'Daniel', 'Daniela', 'David', 'Deepika', 'Diego', 'Dmitri', 'Elena',
  'Elif', 'Elijah', 'Emeka', 'Emily', 'Emma', 'Ethan', 'Farah', 'Fatima', 'Felix', 'Fernando', 'Fiona', 'Gabriel',
  'Grace', 'Hana', 'Hannah', 'Haruto', 'Hassan', 'Ibrahim', 'Ingrid', 'Isabel', 'Isaac', 'Jamal', 'James', 'Javier',
  'Jessica', 'Ji-woo', 'Jonah', 'Jordan', 'José', 'Julia', 'Kai', 'Kavya', 'Keisha', 'Kenji', 'Kwame', 'Laila',
  'Laura', 'Leila', 'Liam', 'Lucas', 'Lucía', 'Mai', 'Malik', 'Mara', 'Marco', 'Maria', 'Mateo', 'Maya',
  'Mei', 'Michael', 'Miguel', 'Mina', 'Mohammed', 'Naomi', 'Nadia', 'Nikhil', 'Noah', 'Nora', 'Oliver', 'Olivia',
  'Omar', 'Owen', 'Priya', 'Rafael', 'Rahul', 'Rania', 'Rebecca', 'Ricardo', 'Rohan', 'Ryan', 'Sakura', 'Samuel',
  'Sana', 'Santiago', 'Sara', 'Sebastian', 'Siobhán', 'Sofia', 'Sophie', 'Tariq', 'Thabo', 'Thomas', 'Tomás', 'Valentina',
  'Vikram', 'Wei', 'William', 'Yara', 'Yusuf', 'Zara', 'Zoë', 'Lena', 'Matthias', 'Astrid', 'Niamh', 'Kofi',
] as const;

export const LAST_NAMES = [
  'Abadi', 'Adeyemi', 'Ahmed', 'Alvarez', 'Andersen', 'Bauer', 'Becker', 'Bennett', 'Bhatt', 'Brooks', 'Campbell', 'Castillo',
  'Chandra', 'Chen', 'Cho', 'Clarke', 'Cohen', 'Costa', 'Cruz', 'Das', 'Diaz', 'Dubois', 'Edwards', 'Eze',
  'Fernandes', 'Fischer', 'Flores', 'Foster', 'Friedman', 'Garcia', 'González', 'Gupta', 'Hall', 'Hansen', 'Harris', 'Hayashi',
  'Hernández', 'Hoffmann', 'Hughes', 'Ibrahim', 'Ito', 'Iyer', 'Jackson', 'Jensen', 'Johnson', 'Joshi', 'Kaur', 'Kelly',
  'Khan', 'Kowalski', 'Kumar', 'Larsen', 'Lee', 'Lewis', 'Li', 'Lin', 'Liu', 'Lopez', 'Mahmoud', 'Martin',
  'Mehta', 'Mendoza', 'Meyer', 'Miller', 'Mitchell', 'Moreau', 'Morales', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Nwosu',
  "O'Brien", "O'Connor", 'Okafor', 'Okoye', 'Olsen', 'Ortiz', 'Osei', 'Park', 'Patel', 'Perez', 'Petrov', 'Phillips',
  'Popescu', 'Ramirez', 'Rao', 'Reddy', 'Reyes', 'Richter', 'Rivera', 'Robinson', 'Rodriguez', 'Rossi', 'Russo', 'Saito',
  'Sánchez', 'Schmidt', 'Schneider', 'Shah', 'Sharma', 'Silva', 'Singh', 'Smith-Jones', 'Sokolov', 'Suzuki', 'Tan', 'Tanaka',
  'Taylor', 'Thompson', 'Torres', 'Tran', 'Turner', 'Vargas', 'Verma', 'Wagner', 'Walker', 'Wang', 'Watanabe', 'Weber',
  'Williams', 'Wilson', 'Wong', 'Wright', 'Wu', 'Yamamoto', 'Yang', 'Yilmaz', 'Young', 'Zhang', 'Zhou', 'Zimmermann',
  'Achebe', 'Baptiste', 'Delgado', 'Haddad', 'Lindqvist', 'Mensah', 'Nair', 'Quinn', 'Sato', 'Van der Berg',
] as const;

/** The one name two different people share (the ambiguous-name case). */
export const SHARED_NAME = { firstName: 'Alex', lastName: 'Kim' } as const;

/** `first.last` for a login: accents folded, apostrophes and spaces dropped, hyphens kept. */
export function loginBase(firstName: string, lastName: string): string {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z-]/g, '');
  return `${fold(firstName)}.${fold(lastName)}`;
}
