package demo

// nameGroup is a pool of given names and surnames that go together, with
// the share of demo residents drawn from it and the languages they may
// translate. The shares loosely follow the city's 2021 census make-up.
type nameGroup struct {
	share     float64
	given     []string
	surnames  []string
	languages []string // translation skill slugs
}

// nameGroups are kept to ASCII spellings so that emails can be built from
// names without transliteration.
var nameGroups = []nameGroup{
	{44, []string{
		"Oliver", "Jack", "Harry", "George", "Charlie", "Thomas", "James", "William",
		"Daniel", "Matthew", "Ryan", "Liam", "Connor", "Callum", "Lewis", "Jordan",
		"Dean", "Gary", "Paul", "Mark", "Stephen", "David", "Michael", "Peter",
		"John", "Brian", "Keith", "Trevor", "Emily", "Olivia", "Amelia", "Jessica",
		"Sophie", "Chloe", "Lauren", "Hannah", "Rebecca", "Sarah", "Emma", "Laura",
		"Claire", "Karen", "Julie", "Susan", "Margaret", "Jean", "Pauline", "Denise",
		"Tracey", "Kelly", "Gemma", "Niamh", "Siobhan", "Ciara", "Sean", "Declan",
		"Rhys", "Gareth", "Bethan", "Fiona", "Eileen", "Maureen", "Colin", "Alan",
	}, []string{
		"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson",
		"Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker",
		"White", "Edwards", "Hughes", "Green", "Hall", "Harris", "Clarke", "Jackson",
		"Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore",
		"King", "Baker", "Harrison", "Allen", "Scott", "Phillips", "Watson", "Parker",
		"Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
		"Carter", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "O'Brien",
		"O'Connor", "Doyle", "Byrne", "Walsh", "McCarthy", "Fitzgerald", "Campbell",
		"Stewart", "MacDonald", "Sutton", "Perkins", "Hollis", "Whitehouse",
	}, nil},
	{17, []string{
		"Muhammad", "Mohammed", "Ahmed", "Hassan", "Bilal", "Imran", "Usman",
		"Zubair", "Tariq", "Adeel", "Kamran", "Shahid", "Asif", "Amir", "Faisal",
		"Zain", "Hamza", "Ibrahim", "Yusuf", "Ayesha", "Fatima", "Aisha", "Maryam",
		"Zainab", "Sana", "Saima", "Nadia", "Rukhsana", "Shazia", "Nasreen",
		"Samina", "Iqra", "Amina", "Hira", "Khadija", "Sobia", "Rabia", "Naveed",
	}, []string{
		"Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Akhtar", "Mahmood", "Rehman",
		"Shah", "Butt", "Malik", "Raja", "Aslam", "Javed", "Rashid", "Anwar",
		"Qureshi", "Chaudhry", "Yousaf", "Zaman", "Nawaz", "Saddique", "Mirza",
		"Bashir", "Hanif",
	}, []string{"translation-urdu", "translation-punjabi"}},
	{4, []string{
		"Abdul", "Rahim", "Shamim", "Jamal", "Nazrul", "Ruhul", "Sabbir", "Tanvir",
		"Rumana", "Shirin", "Nazia", "Taslima", "Farhana", "Rubina", "Salma",
		"Jahanara", "Shahana", "Kamal",
	}, []string{
		"Miah", "Begum", "Uddin", "Rahman", "Islam", "Chowdhury", "Hoque",
		"Khatun", "Alam", "Hossain", "Karim", "Ullah",
	}, []string{"translation-bengali"}},
	{5, []string{
		"Gurpreet", "Harjit", "Jaswinder", "Manjit", "Sukhwinder", "Rajinder",
		"Balvinder", "Kuldip", "Harpreet", "Simran", "Amrit", "Navdeep", "Jaspal",
		"Kirandeep", "Mandeep", "Parminder", "Ranjit", "Inderjit",
	}, []string{
		"Singh", "Kaur", "Sandhu", "Gill", "Dhillon", "Sidhu", "Bains", "Johal",
		"Sahota", "Bhogal", "Dhaliwal", "Grewal", "Atwal", "Kang", "Virdi",
	}, []string{"translation-punjabi"}},
	{3, []string{
		"Priya", "Anjali", "Deepa", "Nisha", "Sunita", "Rekha", "Ravi", "Sanjay",
		"Vijay", "Amit", "Rahul", "Nikhil", "Kiran", "Hitesh", "Meera", "Pooja",
	}, []string{
		"Patel", "Shah", "Mistry", "Sharma", "Gupta", "Kumar", "Chauhan", "Parmar",
		"Lad", "Joshi", "Desai", "Solanki",
	}, nil},
	{5, []string{
		"Marcus", "Devon", "Leroy", "Winston", "Delroy", "Carlton", "Errol",
		"Tyrone", "Jermaine", "Kemar", "Shanice", "Jade", "Tanisha", "Marcia",
		"Beverley", "Paulette", "Sonia", "Charmaine", "Keisha", "Andre", "Nathaniel",
	}, []string{
		"Campbell", "Brown", "Francis", "Morgan", "Reid", "Clarke", "Grant", "Henry",
		"Gordon", "Bailey", "Lewis", "Powell", "Bennett", "Forbes", "McKenzie",
		"Gayle", "Samuels", "Barrett",
	}, nil},
	{6, []string{
		"Chinedu", "Oluwaseun", "Adebayo", "Tunde", "Emeka", "Ngozi", "Chiamaka",
		"Funmilayo", "Adaeze", "Kwame", "Kofi", "Ama", "Abena", "Yaw", "Tendai",
		"Rutendo", "Farai", "Blessing", "Precious", "Esther",
	}, []string{
		"Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Mensah",
		"Boateng", "Asante", "Owusu", "Moyo", "Ncube", "Dube", "Adebayo", "Oyelaran",
	}, nil},
	{3, []string{
		"Abdi", "Mohamed", "Hodan", "Faduma", "Hibo", "Ayaan", "Liban", "Sagal",
		"Yasmin", "Abdirahman", "Idil", "Hamdi",
	}, []string{
		"Farah", "Hassan", "Warsame", "Abdullahi", "Jama", "Osman", "Omar", "Nur",
		"Adan", "Egal",
	}, []string{"translation-somali", "translation-arabic"}},
	{3, []string{
		"Piotr", "Tomasz", "Krzysztof", "Pawel", "Marek", "Agnieszka", "Katarzyna",
		"Magdalena", "Joanna", "Ewa", "Michal", "Justyna",
	}, []string{
		"Nowak", "Wojcik", "Mazur", "Krawczyk", "Kaczmarek", "Pawlak", "Michalak",
		"Sikora", "Baran", "Duda",
	}, []string{"translation-polish"}},
	{2, []string{
		"Andrei", "Ionut", "Elena", "Mihaela", "Alexandru", "Ioana", "Florin",
		"Gabriela", "Cristian", "Adriana",
	}, []string{
		"Popescu", "Ionescu", "Dumitru", "Stan", "Rusu", "Munteanu", "Constantin",
		"Moldovan",
	}, []string{"translation-romanian"}},
	{2, []string{
		"Wing", "Kit", "Ying", "Winnie", "Kelvin", "Eric", "Ivy", "Man Yee",
		"Ka Wai", "Wai Ling", "Jason", "Cherry",
	}, []string{
		"Chan", "Wong", "Li", "Cheung", "Lam", "Ng", "Lau", "Ho", "Leung", "Kwok",
	}, []string{"translation-cantonese"}},
	{3, []string{
		"Yousef", "Omar", "Khalid", "Nasser", "Samir", "Layla", "Mona", "Rania",
		"Dilan", "Rebin", "Shilan", "Hawre", "Ahmad", "Noor", "Zana",
	}, []string{
		"Saleh", "Nasser", "Abdulla", "Qasim", "Hamid", "Karimi", "Mustafa",
		"Aziz", "Salih", "Mahmoud",
	}, []string{"translation-arabic", "translation-kurdish"}},
}

// occupations open a person's bio.
var occupations = []string{
	"Retired teacher", "Community nurse", "Youth worker", "University student",
	"Bus driver", "Shop owner", "Social worker", "Parent of three", "Accountant",
	"Software developer", "Full-time carer", "Chef", "Retired engineer",
	"Nursery assistant", "Warehouse supervisor", "Taxi driver", "Hairdresser",
	"Pharmacist", "Solicitor", "Civil servant", "Gardener", "Electrician",
	"Volunteer coordinator", "Retired factory worker", "Sixth-form student",
	"Care worker", "Librarian", "Musician", "Small business owner", "Midwife",
	"Retired postman", "Teaching assistant", "Community organiser", "Joiner",
}
